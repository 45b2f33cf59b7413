namespace Bot.Discord;

/// <summary>
/// Configuration section <c>Discord</c>. The adapter is on when <see cref="PublicKey"/> is set; then every setting is
/// validated at start-up. Secrets come from the environment or user-secrets, never from appsettings.json.
/// </summary>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";

    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    /// <summary>The application's id (a snowflake); needed to register commands.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key: 64 hexadecimal characters from the Developer Portal.</summary>
    public string? PublicKey { get; set; }

    /// <summary>The bot token; needed only to register commands.</summary>
    public string? BotToken { get; set; }

    /// <summary>Discord's REST API root, versioned; tests point it at a local fake.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>The project's address, sent in the <c>User-Agent</c> that Discord requires of API clients.</summary>
    public string ProjectUrl { get; set; } = "https://github.com";

    /// <summary>Largest interaction body accepted; larger requests get 413.</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>How far <c>X-Signature-Timestamp</c> may be from now before a request counts as a replay.</summary>
    public int MaxClockSkewSeconds { get; set; } = 300;
}
