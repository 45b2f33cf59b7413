using Bot.Core.Commands;

namespace Bot.Core.Querying;

/// <summary>The bot's own wording in English and Spanish. Fact text itself is shown as curated.</summary>
internal static class BotText
{
    public static readonly LocalizedText Roles = new("Roles", "Cargos");
    public static readonly LocalizedText FormsNeedChat = new(
        "/facts {0} opens a form in Discord or Slack; here, edit the files in the fact folder.",
        "/facts {0} abre un formulario en Discord o Slack; aquí, edita los archivos de la carpeta de hechos.");
    public static readonly LocalizedText EditingUnavailable = new(
        "Editing from chat is not available here.",
        "La edición desde el chat no está disponible aquí.");
    public static readonly LocalizedText Now = new("Where things stand", "Situación actual");
    public static readonly LocalizedText InTimeline = new("In the timeline", "En la cronología");
    public static readonly LocalizedText Country = new("Country", "País");
    public static readonly LocalizedText CurrentRole = new("Current role", "Cargo actual");
    public static readonly LocalizedText Organization = new("organization", "organización");
    public static readonly LocalizedText AsOf = new("As of {0}", "Al {0}");
    public static readonly LocalizedText Present = new("present", "actualidad");
    public static readonly LocalizedText Closest = new("Closest match for “{0}”", "Coincidencia más cercana para «{0}»");
    public static readonly LocalizedText QuotesBy = new("Quotes by {0} ({1})", "Citas de {0} ({1})");
    public static readonly LocalizedText TimelineOf = new("Timeline of {0}", "Cronología de {0}");
    public static readonly LocalizedText Footer = new("Facts cover events up to {1} · checked {2} · version {0}", "Hechos hasta: {1} · revisados: {2} · versión {0}");
    public static readonly LocalizedText FooterUnchecked = new("Facts cover events up to {1} · version {0}", "Hechos hasta: {1} · versión {0}");
    public static readonly LocalizedText FooterEmpty = new("Fact base version {0}", "Base de hechos, versión {0}");
    public static readonly LocalizedText Since = new("since {0}", "desde {0}");
    public static readonly LocalizedText AsOfLower = new("as of {0}", "al {0}");
    public static readonly LocalizedText AsOfScheduled = new("as of {0}; term scheduled to end {1}", "al {0}; mandato previsto hasta el {1}");
    public static readonly LocalizedText ScheduledEnd = new("term scheduled to end {0}", "mandato previsto hasta el {0}");
    public static readonly LocalizedText ScheduledEndPassed = new(
        "term scheduled to end {0}; the fact base has no later information",
        "mandato previsto hasta el {0}; la base de hechos no tiene información posterior");
    public static readonly LocalizedText LastKnownRole = new("Last known role", "Último cargo conocido");
    public static readonly LocalizedText MayBeOutdated = new(
        "The newest information here is from {0}; later developments may be missing. If you know of one, tell the moderators with /report.",
        "La información más reciente aquí es del {0}; puede faltar lo ocurrido después. Si sabes de algo, avisa a los moderadores con /report.");
    public static readonly LocalizedText AsOfAnswer = new("As of {0}, the newest source behind this answer.", "Al {0}, la fuente más reciente de esta respuesta.");

    public static readonly LocalizedText AmbiguousTitle = new("Several match “{0}”", "Varias coincidencias para «{0}»");
    public static readonly LocalizedText AmbiguousBody = new("Which one did you mean?", "¿A cuál te refieres?");
    public static readonly LocalizedText PersonNotFoundTitle = new("No one called “{0}” in the fact base", "Nadie llamado «{0}» en la base de hechos");
    public static readonly LocalizedText PersonNotFoundBody = new(
        "The fact base covers the people of the Mexico–Peru dispute. Did you mean one of these?",
        "La base de hechos cubre a las personas de la disputa México–Perú. ¿Quisiste decir alguna de estas?");
    public static readonly LocalizedText TopicNotFoundTitle = new("No topic called “{0}”", "Ningún tema llamado «{0}»");
    public static readonly LocalizedText TopicNotFoundBody = new("These are the topics the timeline knows:", "Estos son los temas de la cronología:");

    public static readonly LocalizedText TimelineTitle = new("Timeline of the Mexico–Peru dispute", "Cronología de la disputa México–Perú");
    public static readonly LocalizedText Events = new("Events", "Hechos");
    public static readonly LocalizedText From = new("from {0}", "desde {0}");
    public static readonly LocalizedText To = new("to {0}", "hasta {0}");
    public static readonly LocalizedText Person = new("person: {0}", "persona: {0}");
    public static readonly LocalizedText TopicFilter = new("topic: {0}", "tema: {0}");
    public static readonly LocalizedText ItemsOf = new("{0}–{1} of {2}", "{0}–{1} de {2}");
    public static readonly LocalizedText AlsoReported = new("Sources differ on the date: also reported as {0}", "Las fuentes difieren en la fecha: también se informa {0}");
    public static readonly LocalizedText SourcesDiffer = new("Sources differ: {0}", "Las fuentes difieren: {0}");
    public static readonly LocalizedText NoEventsTitle = new("No events match", "Ningún hecho coincide");
    public static readonly LocalizedText NoEventsBody = new(
        "No event in the fact base matches these filters. The timeline runs from {0} to {1}.",
        "Ningún hecho de la base coincide con estos filtros. La cronología va de {0} a {1}.");
    public static readonly LocalizedText WholeTimeline = new("The whole timeline", "Toda la cronología");

    public static readonly LocalizedText QuotesTitle = new("Quotes by {0}", "Citas de {0}");
    public static readonly LocalizedText Quotes = new("Quotes", "Citas");
    public static readonly LocalizedText MatchingKeyword = new("best matches for “{0}” first", "primero las que mejor coinciden con «{0}»");
    public static readonly LocalizedText NoKeywordMatch = new("no quote mentions “{0}”, so all are shown", "ninguna cita menciona «{0}», se muestran todas");
    public static readonly LocalizedText Translated = new("quoted in translation", "cita traducida");
    public static readonly LocalizedText NoQuotesTitle = new("No quotes from {0} yet", "Aún no hay citas de {0}");
    public static readonly LocalizedText NoQuotesBody = new("The fact base has quotes from these speakers:", "La base de hechos tiene citas de estas personas:");

    public static readonly LocalizedText PositionsTitle = new("Positions in the dispute", "Posiciones en la disputa");
    public static readonly LocalizedText PositionsBody = new(
        "Each side's stated position on the disputed questions, attributed and sourced. Pick one:",
        "La posición declarada de cada parte sobre las cuestiones en disputa, atribuida y con fuentes. Elige una:");
    public static readonly LocalizedText Questions = new("Questions", "Cuestiones");
    public static readonly LocalizedText MexicoSide = new("Mexico", "México");
    public static readonly LocalizedText PeruSide = new("Peru", "Perú");
    public static readonly LocalizedText OtherSide = new("Others", "Otros");
    public static readonly LocalizedText NoPositionTitle = new("No position recorded on “{0}”", "No hay posiciones sobre «{0}»");
    public static readonly LocalizedText NoPositionBody = new("The fact base records positions on these questions:", "La base de hechos registra posiciones sobre estas cuestiones:");
    public static readonly LocalizedText AskAnswers = new("From the fact base", "De la base de hechos");
    public static readonly LocalizedText NotSureTitle = new("I'm not sure", "No estoy seguro");
    public static readonly LocalizedText NotSureBody = new(
        "No fact in the base clearly answers that. These are the closest, which may not be what you asked. If something is missing, tell the moderators with /report.",
        "Ningún hecho de la base responde claramente a eso. Estos son los más cercanos, que quizá no sean lo que preguntas. Si falta algo, avisa a los moderadores con /report.");
    public static readonly LocalizedText NothingClose = new(
        "No fact in the base matches that question. Try /help for what I can answer, or /timeline for every event.",
        "Ningún hecho de la base coincide con esa pregunta. Prueba /help para ver qué puedo responder, o /timeline para todos los hechos.");
    public static readonly LocalizedText SourcesTitle = Rendering.UiText.Sources;
    public static readonly LocalizedText AllSources = new("All sources ({0})", "Todas las fuentes ({0})");
    public static readonly LocalizedText SourcesOf = new("Sources: {0}", "Fuentes: {0}");
    public static readonly LocalizedText SourcesBody = new(
        "Every source the fact base cites, grouped by outlet.",
        "Todas las fuentes que cita la base de hechos, agrupadas por medio.");

    public static readonly LocalizedText HelpTitle = new("What I can answer", "Qué puedo responder");
    public static readonly LocalizedText HelpBody = new(
        "I answer questions about the Mexico–Peru diplomatic dispute from a curated fact base. Every answer links to its sources.",
        "Respondo preguntas sobre la disputa diplomática entre México y Perú a partir de una base de hechos curada. Cada respuesta enlaza sus fuentes.");
    public static readonly LocalizedText Commands = new("Commands", "Comandos");
    public static readonly LocalizedText Options = new("Options", "Opciones");
    public static readonly LocalizedText Examples = new("Examples", "Ejemplos");
    public static readonly LocalizedText Example = new("Example: {0}", "Ejemplo: {0}");
    public static readonly LocalizedText Required = new("required", "obligatorio");

    public static readonly LocalizedText SlowDownTitle = new("Slow down a little", "Más despacio, por favor");
    public static readonly LocalizedText SlowDownUser = new(
        "You have sent several commands in a short time. Try again in {0} s.",
        "Enviaste varios comandos en poco tiempo. Vuelve a intentarlo en {0} s.");
    public static readonly LocalizedText SlowDownChannel = new(
        "This channel has sent many commands in a short time. Try again in {0} s.",
        "Este canal envió muchos comandos en poco tiempo. Vuelve a intentarlo en {0} s.");
    public static readonly LocalizedText SlowDownPaging = new(
        "You have turned many pages in a short time. Try again in {0} s.",
        "Pasaste muchas páginas en poco tiempo. Vuelve a intentarlo en {0} s.");
    public static readonly LocalizedText UsageTitle = new("I didn't understand that", "No entendí eso");
    public static readonly LocalizedText UnknownCommand = new("There is no command /{0}.", "No existe el comando /{0}.");
    public static readonly LocalizedText MissingOption = new("/{0} needs {1}. Usage: {2}", "/{0} necesita {1}. Uso: {2}");
    public static readonly LocalizedText BadDate = new(
        "{0}: “{1}” is not a date. Use YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-11-03.",
        "{0}: «{1}» no es una fecha. Usa AAAA-MM-DD, AAAA-MM o AAAA, p. ej. 2025-11-03.");
    public static readonly LocalizedText BadInteger = new("{0}: “{1}” must be a whole number from {2} to {3}.", "{0}: «{1}» debe ser un número entero de {2} a {3}.");
    public static readonly LocalizedText TooLong = new("{0}: at most {1} characters.", "{0}: como máximo {1} caracteres.");
    public static readonly LocalizedText FromAfterTo = new("from: ({0}) is after to: ({1}).", "from: ({0}) es posterior a to: ({1}).");
    public static readonly LocalizedText NoSuchPage = new("There is no page {0}: the list has {1} page(s).", "No existe la página {0}: la lista tiene {1} página(s).");
    public static readonly LocalizedText NotAChoice = new("{0}: “{1}” is not one of: {2}.", "{0}: «{1}» no es una de: {2}.");
    public static readonly LocalizedText ModeratorsOnlyTitle = new("Only moderators can do that", "Solo los moderadores pueden hacer eso");
    public static readonly LocalizedText ModeratorsOnlyBody = new(
        "/facts is for the moderators who keep the fact base. If something is wrong or missing, tell them with /report.",
        "/facts es para los moderadores que mantienen la base de hechos. Si algo está mal o falta, avísales con /report.");
    public static readonly LocalizedText NoAdmin = new("This copy of the bot cannot manage its facts (it is not running as the bot host).", "Esta copia del bot no puede gestionar sus hechos (no se ejecuta como servidor).");
    public static readonly LocalizedText FactsStatusTitle = new("Fact base status", "Estado de la base de hechos");
    public static readonly LocalizedText FactsReloadTitle = new("Fact base reload", "Recarga de la base de hechos");
    public static readonly LocalizedText FactsCheckTitle = new("Fact base check", "Revisión de la base de hechos");
    public static readonly LocalizedText Version = new("Version", "Versión");
    public static readonly LocalizedText LoadedAt = new("Loaded at", "Cargada");
    public static readonly LocalizedText Counts = new("Contents", "Contenido");
    public static readonly LocalizedText Folder = new("Folder", "Carpeta");
    public static readonly LocalizedText LastErrors = new("Why the last edit was refused", "Por qué se rechazó la última edición");
    public static readonly LocalizedText StatusOk = new("Serving; the last load succeeded.", "En servicio; la última carga fue correcta.");
    public static readonly LocalizedText ReloadOk = new("Reloaded: this version is now live.", "Recargada: esta versión ya está en servicio.");
    public static readonly LocalizedText StatusRefused = new(
        "The last edit was refused with {0} error(s); the version below keeps serving until they are fixed.",
        "La última edición se rechazó con {0} error(es); la versión de abajo sigue en servicio hasta que se corrijan.");
    public static readonly LocalizedText Errors = new("Errors", "Errores");
    public static readonly LocalizedText Warnings = new("Warnings", "Avisos");
    public static readonly LocalizedText CheckSummary = new("{0} error(s), {1} warning(s) in the folder as it is now.", "{0} error(es), {1} aviso(s) en la carpeta tal como está ahora.");
    public static readonly LocalizedText ReportReceived = new("Report #{0} received", "Informe n.º {0} recibido");
    public static readonly LocalizedText ReportThanks = new(
        "Thank you. The moderators will check it against the sources and correct the fact base if needed.",
        "Gracias. Los moderadores lo revisarán con las fuentes y corregirán la base de hechos si hace falta.");
    public static readonly LocalizedText About = new("About", "Sobre");
    public static readonly LocalizedText OpenReportsTitle = new("Open reports", "Informes abiertos");
    public static readonly LocalizedText NoOpenReports = new("No open reports.", "No hay informes abiertos.");
    public static readonly LocalizedText GapsTitle = new("Most asked questions the bot could not answer", "Preguntas más hechas que el bot no pudo responder");
    public static readonly LocalizedText NoGaps = new("No unanswered questions recorded yet.", "Aún no hay preguntas sin respuesta.");
    public static readonly LocalizedText GapLabel = new("×{0} · last {1}", "×{0} · última {1}");
    public static readonly LocalizedText ResolveUsage = new("Usage: /facts resolve <report number> [note]", "Uso: /facts resolve <número de informe> [nota]");
    public static readonly LocalizedText ReportResolved = new("Report #{0} resolved", "Informe n.º {0} resuelto");
    public static readonly LocalizedText NoSuchReport = new("There is no open report #{0}.", "No hay ningún informe abierto n.º {0}.");
    public static readonly LocalizedText StorageUnavailable = new(
        "Reports are not available in this copy of the bot (it has no database).",
        "Los informes no están disponibles en esta copia del bot (no tiene base de datos).");
    public static readonly LocalizedText UnknownOption = new("/{0} has no option {1}:.", "/{0} no tiene la opción {1}:.");

    public static string Format(LocalizedText text, string language, params object?[] args) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, text.For(language), args);
}
