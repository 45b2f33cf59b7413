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

    public string Language => BotLanguage.Normalize(Locale);

    public string? Option(string name) => Options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
