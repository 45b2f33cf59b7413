using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Bot.Discord.Gateway;

/// <summary>Gateway opcodes (topics/opcodes-and-status-codes#gateway-gateway-opcodes).</summary>
internal static class GatewayOp
{
    public const int Dispatch = 0;
    public const int Heartbeat = 1;
    public const int Identify = 2;
    public const int Resume = 6;
    public const int Reconnect = 7;
    public const int InvalidSession = 9;
    public const int Hello = 10;
    public const int HeartbeatAck = 11;
}

/// <summary>What to do after the Gateway closed the connection with a close code.</summary>
internal enum CloseAction
{
    /// <summary>Reconnect to <c>resume_gateway_url</c> and send Resume.</summary>
    Resume,

    /// <summary>Reconnect to the Get Gateway Bot URL and Identify again (a new session).</summary>
    Reidentify,

    /// <summary>Do not reconnect: retrying cannot help (bad token, bad shard, intents).</summary>
    Fatal,
}

/// <summary>The close-code table of topics/opcodes-and-status-codes#gateway-gateway-close-event-codes.</summary>
internal static class GatewayCloseCodes
{
    public static CloseAction Classify(int? code) => code switch
    {
        4000 or 4002 or 4008 => CloseAction.Resume,
        4001 or 4003 or 4005 or 4007 or 4009 => CloseAction.Reidentify,
        4004 or 4010 or 4011 or 4012 or 4013 or 4014 => CloseAction.Fatal,

        // No code, a transport code (1000-1015) or one not in the table: the docs say to try resuming; an Invalid
        // Session (op 9) answers if the session is gone.
        _ => CloseAction.Resume,
    };

    /// <summary>A line for the log that says what went wrong and what to do about it.</summary>
    public static string Describe(int? code) => code switch
    {
        4000 => "4000 unknown error",
        4001 => "4001 unknown opcode",
        4002 => "4002 decode error",
        4003 => "4003 not authenticated",
        4004 => "4004 authentication failed: Discord refused Discord:BotToken (reset the token on the Developer Portal's Bot page and update the setting)",
        4005 => "4005 already authenticated",
        4007 => "4007 invalid seq",
        4008 => "4008 rate limited",
        4009 => "4009 session timed out",
        4010 => "4010 invalid shard",
        4011 => "4011 sharding required: restart to use Discord's recommended shard count",
        4012 => "4012 invalid API version",
        4013 => "4013 invalid intents",
        4014 => "4014 disallowed intents: the bot asked for a privileged intent it is not allowed",
        null => "no close code",
        _ => $"close code {code}",
    };
}

/// <summary>The payloads this client sends. The token goes only into these messages, never into a log.</summary>
internal static class GatewayPayloads
{
    /// <summary>Interactions need no intents: INTERACTION_CREATE is sent regardless.</summary>
    public const int Intents = 0;

    public const string LibraryName = "dispute-bot";

    public static string Heartbeat(long? sequence) => Write(w =>
    {
        w.WriteNumber("op", GatewayOp.Heartbeat);
        if (sequence is { } s)
        {
            w.WriteNumber("d", s);
        }
        else
        {
            w.WriteNull("d");
        }
    });

    public static string Identify(string token, int shardId, int shardCount) => Write(w =>
    {
        w.WriteNumber("op", GatewayOp.Identify);
        w.WriteStartObject("d");
        w.WriteString("token", token);
        w.WriteNumber("intents", Intents);
        w.WriteStartObject("properties");
        w.WriteString("os", OperatingSystemName());
        w.WriteString("browser", LibraryName);
        w.WriteString("device", LibraryName);
        w.WriteEndObject();
        w.WriteStartArray("shard");
        w.WriteNumberValue(shardId);
        w.WriteNumberValue(shardCount);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static string Resume(string token, string sessionId, long sequence) => Write(w =>
    {
        w.WriteNumber("op", GatewayOp.Resume);
        w.WriteStartObject("d");
        w.WriteString("token", token);
        w.WriteString("session_id", sessionId);
        w.WriteNumber("seq", sequence);
        w.WriteEndObject();
    });

    /// <summary>The Gateway URL with the API version and encoding, as the Connecting section recommends.</summary>
    public static Uri WithQuery(Uri url)
    {
        var builder = new UriBuilder(url) { Query = "v=10&encoding=json" };
        if (builder.Path.Length == 0)
        {
            builder.Path = "/";
        }

        return builder.Uri;
    }

    /// <summary>wss, or ws only on loopback (tests).</summary>
    public static bool IsAcceptable(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeWss || (url.Scheme == Uri.UriSchemeWs && url.IsLoopback));

    private static string OperatingSystemName() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "unknown";

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

/// <summary><c>GET /gateway/bot</c>: where to connect, how many shards, and the identify budget.</summary>
internal sealed record GatewayBotInfo(Uri Url, int Shards, SessionStartLimit Limit)
{
    /// <summary>Parses the documented response; null when a required field is missing or the URL is unusable.</summary>
    public static GatewayBotInfo? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String
                || !Uri.TryCreate(url.GetString(), UriKind.Absolute, out var gateway) || !GatewayPayloads.IsAcceptable(gateway))
            {
                return null;
            }

            var shards = Int(root, "shards", 1);
            var limit = root.TryGetProperty("session_start_limit", out var l) && l.ValueKind == JsonValueKind.Object
                ? new SessionStartLimit(Int(l, "total", 1000), Int(l, "remaining", 1000), TimeSpan.FromMilliseconds(Int(l, "reset_after", 0)), Int(l, "max_concurrency", 1))
                : new SessionStartLimit(1000, 1000, TimeSpan.Zero, 1);
            return new GatewayBotInfo(gateway, Math.Max(1, shards), limit with { MaxConcurrency = Math.Max(1, limit.MaxConcurrency) });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int Int(JsonElement element, string name, int fallback) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : fallback;
}

/// <summary>The session start limit object: identifies left, when they refill, and identifies per 5 seconds.</summary>
internal sealed record SessionStartLimit(int Total, int Remaining, TimeSpan ResetAfter, int MaxConcurrency);
