namespace Bot.Core.Commands;

/// <summary>
/// A command as the core receives it from any front end: the command name, the options by name (raw strings, as
/// typed or as the platform sent them), and the asker's locale for the bot's own wording.
/// </summary>
public sealed record BotRequest(string Command, IReadOnlyDictionary<string, string> Options, string Locale = BotLanguage.English)
{
    /// <summary>Set by the adapter after it has checked the caller's platform permissions; never from user input.</summary>
    public bool IsModerator { get; init; }

    /// <summary>Where the request came from ("discord", "slack", "cli"), for reports.</summary>
    public string Platform { get; init; } = "cli";

    /// <summary>The asker's platform user id, for rate limiting only (never stored or logged); null from the CLI.</summary>
    public string? UserId { get; init; }

    /// <summary>The channel (or conversation) the command was sent in, for rate limiting only; null from the CLI.</summary>
    public string? ChannelId { get; init; }

    /// <summary>What the asker did: typed a command, pressed a suggested command's button, or turned a page.</summary>
    public RequestTrigger Trigger { get; init; } = RequestTrigger.Command;

    /// <summary>Set when the text form did not parse: the answer is this usage error (see <see cref="ParseResult.ToRequest"/>).</summary>
    public string? ParseError { get; init; }

    public string Language => BotLanguage.Normalize(Locale);

    public string? Option(string name) => Options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
