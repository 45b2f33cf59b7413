namespace Bot.Core.Commands;

/// <summary>The text form parsed: a request, or the reason it could not be (and the command, when it was known).</summary>
public sealed record ParseResult(BotRequest? Request, string? Error, CommandDefinition? Command)
{
    public bool IsSuccess => Request is not null;
}
