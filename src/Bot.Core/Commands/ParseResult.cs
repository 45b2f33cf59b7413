namespace Bot.Core.Commands;

/// <summary>The text form parsed: a request, or the reason it could not be (and the command, when it was known).</summary>
public sealed record ParseResult(BotRequest? Request, string? Error, CommandDefinition? Command)
{
    public bool IsSuccess => Request is not null;

    /// <summary>
    /// The request to answer: the parsed one, or one that carries <see cref="Error"/> so the answering pipeline
    /// replies with that usage error (and counts it) like any other answer.
    /// </summary>
    public BotRequest ToRequest(string locale = BotLanguage.English) =>
        Request ?? new BotRequest(Command?.Name ?? "", new Dictionary<string, string>(), locale) { ParseError = Error ?? "" };
}
