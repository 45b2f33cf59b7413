namespace Bot.Core.Commands;

/// <summary>
/// The single definition of every command and option. Help, the text-form parser, Discord command registration and
/// the Slack manifest are all generated from it.
/// </summary>
public static class CommandCatalog
{
    public const string Ask = "ask";
    public const string Who = "who";
    public const string Timeline = "timeline";
    public const string Quote = "quote";
    public const string Positions = "positions";
    public const string Sources = "sources";
    public const string Help = "help";
    public const string Report = "report";
    public const string Facts = "facts";

    private static readonly CommandOption PageOption = new(
        "page", OptionKind.Number, new("Page of the list to show", "Página de la lista que se muestra"), MinValue: 1, MaxValue: 999);

    public static IReadOnlyList<CommandDefinition> All { get; } =
    [
        new(
            Ask,
            new("Ask a question in your own words, in English or Spanish", "Haz una pregunta con tus palabras, en inglés o español"),
            [new("question", OptionKind.Text, new("Your question", "Tu pregunta"), Required: true, Positional: true, MaxLength: 300), PageOption],
            ["/ask why did Peru break relations with Mexico?", "/ask ¿quién es el canciller del Perú?", "/ask what did Petro threaten to do"]),
        new(
            Who,
            new("Who someone in the Mexico–Peru dispute is, with their roles and sources", "Quién es alguien en la disputa México–Perú, con sus cargos y fuentes"),
            [new("name", OptionKind.Person, new("Name, surname or alias", "Nombre, apellido o alias"), Required: true, Positional: true)],
            ["/who betssy-chavez", "/who Sheinbaum", "/who jeri"]),
        new(
            Timeline,
            new("The dated events of the dispute, oldest first, with sources", "Los hechos fechados de la disputa, en orden, con fuentes"),
            [
                new("from", OptionKind.Date, new("Start date: YYYY-MM-DD, YYYY-MM or YYYY", "Desde: AAAA-MM-DD, AAAA-MM o AAAA")),
                new("to", OptionKind.Date, new("End date: YYYY-MM-DD, YYYY-MM or YYYY", "Hasta: AAAA-MM-DD, AAAA-MM o AAAA")),
                new("person", OptionKind.Person, new("Only events involving this person", "Solo hechos con esta persona")),
                new("topic", OptionKind.Topic, new("Only events on this topic", "Solo hechos de este tema")),
                PageOption,
            ],
            ["/timeline", "/timeline from:2025-11-01 to:2025-11-30", "/timeline person:jeri topic:asylum", "/timeline from:2025-11 page:2"]),
        new(
            Quote,
            new("What someone said, verbatim, with date, context and source", "Lo que alguien dijo, textual, con fecha, contexto y fuente"),
            [
                new("speaker", OptionKind.Person, new("Who said it", "Quién lo dijo"), Required: true, Positional: true),
                new("keyword", OptionKind.Text, new("Words to look for in the quote", "Palabras a buscar en la cita"), Positional: true, MaxLength: 80),
                PageOption,
            ],
            ["/quote sheinbaum", "/quote sheinbaum sovereignty", "/quote de-zela asylum"]),
        new(
            Positions,
            new("What each side says on a disputed question, side by side, with sources", "Lo que dice cada parte sobre una cuestión en disputa, lado a lado, con fuentes"),
            [new("topic", OptionKind.Topic, new("The question: asylum, sovereignty, safe-conduct…", "La cuestión: asilo, soberanía, salvoconducto…"), Positional: true), PageOption],
            ["/positions", "/positions asylum", "/positions salvoconducto"]),
        new(
            Sources,
            new("Every source the facts cite, grouped by outlet, with links", "Todas las fuentes citadas, por medio, con enlaces"),
            [PageOption],
            ["/sources", "/sources page:2"]),
        new(
            Report,
            new("Report a mistake or something missing; moderators will look at it", "Informa de un error o de algo que falta; los moderadores lo revisarán"),
            [
                new("text", OptionKind.Text, new("What is wrong or missing", "Qué está mal o qué falta"), Required: true, Positional: true, MaxLength: 500),
                new("about", OptionKind.Person, new("Who it is about (optional)", "Sobre quién es (opcional)")),
            ],
            ["/report the date of the OAS session is wrong", "/report missing: Peru's reply to the ICJ case about:jose-jeri"])
        {
            AnswersArePrivate = true,
        },
        new(
            Facts,
            new("Moderators: fact base status, checks, reports, gaps, and editing the facts", "Moderadores: estado de la base, revisión, informes, lagunas y edición de los hechos"),
            [
                new("action", OptionKind.Text, new("status, reload, check, reports, resolve, gaps, add-…, edit or history", "status, reload, check, reports, resolve, gaps, add-…, edit o history"), Required: true, Positional: true, MaxLength: 300)
                {
                    Choices = ["status", "reload", "check", "reports", "resolve", "gaps", "add-event", "add-quote", "add-source", "edit", "history"],
                },
                new("id", OptionKind.Number, new("Report number (for resolve)", "Número de informe (para resolve)"), MinValue: 1, MaxValue: int.MaxValue),
                new("note", OptionKind.Text, new("Resolution note (for resolve)", "Nota de resolución (para resolve)"), MaxLength: 300),
                new("target", OptionKind.FactTarget, new("Person or event id (for edit)", "Id de persona o de hecho (para edit)"), MaxLength: 80),
            ],
            ["/facts status", "/facts check", "/facts reports", "/facts resolve 12 fixed in events/2025-12-03", "/facts gaps", "/facts add-event", "/facts edit target:betssy-chavez", "/facts history"])
        {
            ModeratorOnly = true,
            AnswersArePrivate = true,
        },
        new(
            Help,
            new("What the bot can answer, with examples", "Qué puede responder el bot, con ejemplos"),
            [new("command", OptionKind.Text, new("A command to explain", "Un comando a explicar"), Positional: true, MaxLength: 32)],
            ["/help", "/help timeline"]),
    ];

    public static CommandDefinition? Find(string? name)
    {
        var trimmed = name?.Trim().TrimStart('/').ToLowerInvariant();
        return All.FirstOrDefault(c => c.Name == trimmed);
    }
}
