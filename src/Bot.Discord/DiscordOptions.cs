namespace Bot.Discord;

/// <summary>
/// Configuration section <c>Discord</c>. The adapter is on when <see cref="PublicKey"/> is set (HTTP interactions) or
/// when only <see cref="BotToken"/> is set (Gateway); then every setting is validated at start-up. Secrets come from
/// the environment or user-secrets, never from appsettings.json.
/// </summary>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";

    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    public const string HttpMode = "http";

    public const string GatewayMode = "gateway";

    /// <summary>
    /// <c>http</c> (Discord POSTs interactions to a public URL) or <c>gateway</c> (the bot connects out to Discord's
    /// Gateway; no public URL). Empty: <c>http</c> when <see cref="PublicKey"/> is set, else <c>gateway</c> when
    /// <see cref="BotToken"/> is set.
    /// </summary>
    public string? Mode { get; set; }

    /// <summary>The application's id (a snowflake); needed to register commands.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key: 64 hexadecimal characters from the Developer Portal.</summary>
    public string? PublicKey { get; set; }

    /// <summary>The bot token: needed to register commands, and to connect in Gateway mode.</summary>
    public string? BotToken { get; set; }

    /// <summary>Discord's REST API root, versioned; tests point it at a local fake.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>The project's address, sent in the <c>User-Agent</c> that Discord requires of API clients.</summary>
    public string ProjectUrl { get; set; } = "https://github.com";

    /// <summary>Largest interaction body accepted; larger requests get 413.</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>How far <c>X-Signature-Timestamp</c> may be from now before a request counts as a replay.</summary>
    public int MaxClockSkewSeconds { get; set; } = 300;

    /// <summary>
    /// Refuse an interaction id already received (a replay of a captured request) with 401. Off only for load tests
    /// that send one signed request over and over.
    /// </summary>
    public bool RejectReplays { get; set; } = true;

    /// <summary>
    /// Role ids whose members may use <c>/facts</c> besides those with Manage Messages, e.g.
    /// <c>Discord:ModeratorRoleIds:0 = 123456789012345678</c>.
    /// </summary>
    public List<string> ModeratorRoleIds { get; } = [];

    /// <summary><c>Discord:Gateway</c>: which shards this process runs, when several processes share the bot.</summary>
    public DiscordGatewayOptions Gateway { get; set; } = new();

    /// <summary>Which transport the settings select; <see cref="DiscordMode.Off"/> when neither key is set.</summary>
    internal static DiscordMode ResolveMode(string? mode, string? publicKey, string? botToken)
    {
        var chosen = mode?.Trim();
        if (string.IsNullOrEmpty(chosen))
        {
            return !string.IsNullOrWhiteSpace(publicKey) ? DiscordMode.Http
                : !string.IsNullOrWhiteSpace(botToken) ? DiscordMode.Gateway
                : DiscordMode.Off;
        }

        return chosen.Equals(HttpMode, StringComparison.OrdinalIgnoreCase) ? DiscordMode.Http
            : chosen.Equals(GatewayMode, StringComparison.OrdinalIgnoreCase) ? DiscordMode.Gateway
            : DiscordMode.Unknown;
    }
}

/// <summary>
/// <c>Discord:Gateway</c>. Unset: this process runs every shard Discord recommends. Across processes: the same
/// <see cref="ShardCount"/> everywhere and each process its own <see cref="Shards"/>.
/// </summary>
public sealed class DiscordGatewayOptions
{
    public const int MaxShardCount = 4096;

    /// <summary>The total number of shards over all processes (0: Discord's recommendation from <c>GET /gateway/bot</c>).</summary>
    public int ShardCount { get; set; }

    /// <summary>This process's shard ids: ranges and single ids, comma-separated (<c>0-3</c>, <c>4,5</c>). Empty: all of them.</summary>
    public string? Shards { get; set; }

    /// <summary>
    /// Parses <paramref name="text"/> (<c>0-3</c>, <c>4,5</c>, <c>0-1,6</c>) into ascending shard ids below
    /// <paramref name="count"/>; null and the reason when it is not such a list.
    /// </summary>
    internal static (int[]? Ids, string? Error) ParseShards(string text, int count)
    {
        var ids = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length is < 1 or > 2 || !ends.All(e => e.Length is > 0 and < 5 && e.All(char.IsAsciiDigit)))
            {
                return (null, $"'{part}' is not a shard id or a range such as 0-3");
            }

            var (from, to) = (int.Parse(ends[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(ends[^1], System.Globalization.CultureInfo.InvariantCulture));
            if (from > to)
            {
                return (null, $"the range {part} runs backwards");
            }

            if (to >= count)
            {
                return (null, $"shard {to} is not below Discord:Gateway:ShardCount ({count})");
            }

            for (var id = from; id <= to; id++)
            {
                if (!ids.Add(id))
                {
                    return (null, $"shard {id} is listed twice");
                }
            }
        }

        return ([.. ids], null);
    }
}

internal enum DiscordMode
{
    Off,
    Http,
    Gateway,

    /// <summary><c>Discord:Mode</c> holds something else: the validator reports it at start-up.</summary>
    Unknown,
}
