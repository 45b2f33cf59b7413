using Bot.Core.Commands;

namespace Bot.Core.Editing;

/// <summary>The wording of chat editing, in English and Spanish.</summary>
internal static class EditText
{
    public static readonly LocalizedText AddEventTitle = new("Add an event", "Añadir un hecho");
    public static readonly LocalizedText AddQuoteTitle = new("Add a quote", "Añadir una cita");
    public static readonly LocalizedText AddSourceTitle = new("Add a source", "Añadir una fuente");
    public static readonly LocalizedText EditTitle = new("Edit ", "Editar ");

    public static readonly LocalizedText DateLabel = new("Date (YYYY-MM-DD, YYYY-MM or YYYY)", "Fecha (AAAA-MM-DD, AAAA-MM o AAAA)");
    public static readonly LocalizedText TitleLabel = new("Title (neutral, plain text)", "Título (neutro, texto simple)");
    public static readonly LocalizedText SummaryLabel = new("Summary (our own words, neutral)", "Resumen (con nuestras palabras, neutro)");
    public static readonly LocalizedText SourcesLabel = new("Source URLs, one per line", "URL de las fuentes, una por línea");
    public static readonly LocalizedText PeopleLabel = new("People: ids or names, comma-separated", "Personas: ids o nombres, separados por comas");
    public static readonly LocalizedText SpeakerLabel = new("Speaker: id or name", "Autor: id o nombre");
    public static readonly LocalizedText QuoteTextLabel = new("Text, verbatim as the source prints it", "Texto, literal como lo publica la fuente");
    public static readonly LocalizedText ContextLabel = new("Context: where and why it was said", "Contexto: dónde y por qué se dijo");
    public static readonly LocalizedText SourceLabel = new("Source URL", "URL de la fuente");
    public static readonly LocalizedText UrlLabel = new("URL (https)", "URL (https)");
    public static readonly LocalizedText OutletLabel = new("Outlet", "Medio");
    public static readonly LocalizedText HeadlineLabel = new("Headline, as published", "Titular, tal como se publicó");
    public static readonly LocalizedText PublishedLabel = new("Published (YYYY-MM-DD)", "Publicado (AAAA-MM-DD)");
    public static readonly LocalizedText FromPage = new("Leave empty to take it from the page", "Déjalo vacío para tomarlo de la página");
    public static readonly LocalizedText StatusLabel = new("Status (where things stand)", "Situación actual");

    public static readonly LocalizedText PreviewNote = new(
        "Preview of your change to {0}, exactly as members will see it. Nothing is saved until you confirm (within 15 minutes).",
        "Vista previa de tu cambio en {0}, tal como la verán los miembros. No se guarda nada hasta que confirmes (en 15 minutos).");
    public static readonly LocalizedText Confirm = new("Confirm", "Confirmar");
    public static readonly LocalizedText Cancel = new("Cancel", "Cancelar");
    public static readonly LocalizedText Reopen = new("Reopen the form", "Volver al formulario");
    public static readonly LocalizedText ProblemsTitle = new("Not saved: {0} problem(s) to fix", "No se guardó: {0} problema(s) que corregir");
    public static readonly LocalizedText ProblemsBody = new(
        "Nothing was written. Reopen the form to fix it; what you typed is kept.",
        "No se escribió nada. Vuelve al formulario para corregirlo; lo que escribiste se conserva.");
    public static readonly LocalizedText Problems = new("Problems", "Problemas");
    public static readonly LocalizedText SavedTitle = new("Saved", "Guardado");
    public static readonly LocalizedText SavedBody = new("{0}. It is live now.", "{0}. Ya está publicado.");
    public static readonly LocalizedText SavedCommit = new("{0} (commit {1}). It is live now.", "{0} (commit {1}). Ya está publicado.");
    public static readonly LocalizedText CancelledTitle = new("Cancelled", "Cancelado");
    public static readonly LocalizedText CancelledBody = new("Nothing was written.", "No se escribió nada.");
    public static readonly LocalizedText ExpiredTitle = new("This preview has expired", "Esta vista previa ha caducado");
    public static readonly LocalizedText ExpiredBody = new(
        "Previews can be confirmed for 15 minutes. Reopen the form and submit it again; nothing was written.",
        "Las vistas previas se pueden confirmar durante 15 minutos. Vuelve al formulario y envíalo de nuevo; no se escribió nada.");
    public static readonly LocalizedText GoneTitle = new("This draft is no longer available", "Este borrador ya no está disponible");
    public static readonly LocalizedText GoneBody = new(
        "It was confirmed, cancelled or forgotten (drafts are kept in memory for a while). Start again with /facts.",
        "Se confirmó, se canceló o se olvidó (los borradores se guardan en memoria un tiempo). Empieza de nuevo con /facts.");
    public static readonly LocalizedText NotYoursBody = new(
        "Only the moderator who submitted this draft can confirm, cancel or reopen it.",
        "Solo el moderador que envió este borrador puede confirmarlo, cancelarlo o reabrirlo.");
    public static readonly LocalizedText UnknownTargetTitle = new("Nothing to edit called “{0}”", "Nada que editar llamado «{0}»");
    public static readonly LocalizedText UnknownTargetBody = new(
        "Give a person or event id with target: (autocomplete lists them).",
        "Indica el id de una persona o de un hecho con target: (el autocompletado los muestra).");
    public static readonly LocalizedText HistoryTitle = new("Latest changes to the facts", "Últimos cambios en los hechos");
    public static readonly LocalizedText HistoryEmpty = new("No changes made from chat yet.", "Aún no hay cambios hechos desde el chat.");
    public static readonly LocalizedText HistoryBody = new("The latest {0}, newest first.", "Los últimos {0}, del más reciente al más antiguo.");
}
