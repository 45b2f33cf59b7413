namespace Bot.Slack;

/// <summary>
/// The <c>Slack</c> configuration section. The HTTP endpoints are on when <see cref="SigningSecret"/> is set; Socket
/// Mode is on when <see cref="AppToken"/> is set. Secrets come from user-secrets or the environment
/// (<c>Slack__SigningSecret</c>), never from appsettings.json.
/// </summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>The message is shown to the whole channel, with the command that asked for it.</summary>
    public const string InChannel = "in_channel";

    /// <summary>The message is shown only to the person who asked.</summary>
    public const string Ephemeral = "ephemeral";

    /// <summary>The app's signing secret (Basic Information → App Credentials); turns on <c>POST /slack/*</c>.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (<c>xoxb-…</c>). Optional: answers go back in responses and through response_url.</summary>
    public string? BotToken { get; set; }

    /// <summary>An app-level token (<c>xapp-…</c>) with <c>connections:write</c>; turns on Socket Mode.</summary>
    public string? AppToken { get; set; }

    /// <summary>Where the Web API lives (tests point it at a local fake).</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api");

    /// <summary>How answers are shown by default: <c>in_channel</c> or <c>ephemeral</c>. Errors are always ephemeral.</summary>
    public string ResponseType { get; set; } = InChannel;

    /// <summary>Per-command overrides of <see cref="ResponseType"/>, e.g. <c>Slack:CommandResponseTypes:help = ephemeral</c>.</summary>
    public Dictionary<string, string> CommandResponseTypes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The language of the bot's own wording in Slack (Slack does not send the user's locale with a command).</summary>
    public string Locale { get; set; } = "en";

    /// <summary>
    /// Refuse a request whose signature was already received (a replay of a captured request) with 401. Off only for
    /// load tests that send one signed request over and over.
    /// </summary>
    public bool RejectReplays { get; set; } = true;

    /// <summary>
    /// A slash command whose answer is not ready within this time is acknowledged at once (an empty 200, or an empty
    /// Socket Mode acknowledgement) and answered through its response_url when ready, inside Slack's 3 seconds.
    /// </summary>
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Larger request bodies are refused with 413 before the signature is checked.</summary>
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Socket Mode: the first wait after an unexpected drop; doubles per failure up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Slack user ids (U…) allowed to run <c>/facts</c>, e.g. <c>Slack:ModeratorUserIds:0 = U012ABCDEF</c>. Everyone else
    /// gets a polite refusal. Slack's own command settings cannot restrict a slash command, so this list is the gate.
    /// </summary>
    public List<string> ModeratorUserIds { get; } = [];

    /// <summary>
    /// A Slack user group (S…) whose members may also run <c>/facts</c>. Needs <see cref="BotToken"/> with the
    /// <c>usergroups:read</c> scope; the members are fetched with usergroups.users.list and cached for five minutes.
    /// </summary>
    public string? ModeratorUserGroupId { get; set; }

    /// <summary>The hosts a response_url may point at, whatever the payload says: Slack's own.</summary>
    public static readonly IReadOnlyList<string> SlackResponseHosts = ["hooks.slack.com", "hooks.slack-gov.com"];

    /// <summary>
    /// More host names a response_url may point at besides <see cref="SlackResponseHosts"/> (a port in the URL is
    /// ignored), e.g. <c>Slack:AllowedResponseHosts:0 = 127.0.0.1</c> for a local stand-in. A response_url on any other
    /// host is refused and counted: a signed payload must not make the bot post wherever it names.
    /// </summary>
    public List<string> AllowedResponseHosts { get; } = [];

    internal bool HttpEnabled => !string.IsNullOrEmpty(SigningSecret);

    internal bool SocketModeEnabled => !string.IsNullOrEmpty(AppToken);

    /// <summary>Whether the bot may post to <paramref name="url"/>: http(s), on Slack's hosts or those added.</summary>
    internal bool IsAllowedResponseUrl(Uri url) =>
        url.IsAbsoluteUri
        && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
        && (SlackResponseHosts.Contains(url.IdnHost, StringComparer.OrdinalIgnoreCase)
            || AllowedResponseHosts.Contains(url.IdnHost, StringComparer.OrdinalIgnoreCase));

    internal string ResponseTypeFor(string command) =>
        CommandResponseTypes.TryGetValue(command.TrimStart('/'), out var type) ? type : ResponseType;
}
