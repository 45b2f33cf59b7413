using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bot.LoadTool;

/// <summary>
/// bench/load.sh's helper. Verbs:
/// <list type="bullet">
/// <item><c>keys</c>: a fresh Ed25519 key pair (NSec), printed as <c>public=HEX</c> and <c>secret=HEX</c>.</item>
/// <item><c>sign-discord --secret HEX --body FILE --headers FILE [--name NAME] [--locale L]</c>: a signed APPLICATION_COMMAND /who interaction.</item>
/// <item><c>sign-slack --signing-secret S --body FILE --headers FILE [--text TEXT]</c>: a signed /who slash-command form.</item>
/// <item><c>sign-ask --platform discord|slack (--secret HEX | --signing-secret S) --questions FILE --out DIR [--count N]</c>:
/// N distinct signed <c>/ask</c> requests (DIR/0001.body, DIR/0001.headers, …), one per question of the question set
/// (Discord: each question in English and in Spanish, a distinct interaction id each); prints how many it wrote.</item>
/// <item><c>ceiling --port N [--verify-ed25519 --public-key HEX]</c>: the bare Kestrel comparison server on 127.0.0.1.</item>
/// <item><c>crypto-cost [--iterations N]</c>: in-process cost of one Ed25519 verify and one HMAC-SHA256 over the signed messages.</item>
/// <item><c>answer-cost --facts DIR [--name NAME] [--iterations N]</c>: in-process cost of answering /who on the fact base.</item>
/// </list>
/// Header files hold one <c>Name: value</c> per line, read by bench/request.lua.
/// </summary>
internal static class Program
{
    private const string Usage = "usage: Bot.LoadTool keys | sign-discord --secret HEX --body FILE --headers FILE [--name NAME] [--locale L]"
        + " | sign-slack --signing-secret S --body FILE --headers FILE [--text TEXT]"
        + " | sign-ask --platform discord|slack (--secret HEX | --signing-secret S) --questions FILE --out DIR [--count N]"
        + " | ceiling --port N [--verify-ed25519 --public-key HEX] | crypto-cost [--iterations N]"
        + " | answer-cost --facts DIR [--name NAME] [--iterations N]";

    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var options = ParseOptions(args.AsSpan(1));
        try
        {
            switch (args[0])
            {
                case "keys":
                    return Keys();
                case "sign-discord":
                    return SignDiscord(options);
                case "sign-slack":
                    return SignSlack(options);
                case "sign-ask":
                    return SignAsk(options);
                case "ceiling":
                    return Ceiling.Run(
                        int.Parse(Required(options, "port"), CultureInfo.InvariantCulture),
                        options.ContainsKey("verify-ed25519") ? Convert.FromHexString(Required(options, "public-key")) : null);
                case "answer-cost":
                    return AnswerCost.Run(
                        Required(options, "facts"),
                        options.GetValueOrDefault("name", "betssy-chavez"),
                        options.TryGetValue("iterations", out var a) ? int.Parse(a, CultureInfo.InvariantCulture) : 20_000);
                case "crypto-cost":
                    return CryptoCost(options.TryGetValue("iterations", out var n) ? int.Parse(n, CultureInfo.InvariantCulture) : 20_000);
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
    }

    private static int Keys()
    {
        var (publicKey, secretKey) = Signing.CreateKeyPair();
        Console.WriteLine($"public={Convert.ToHexStringLower(publicKey)}");
        Console.WriteLine($"secret={Convert.ToHexStringLower(secretKey)}");
        return 0;
    }

    private static int SignDiscord(Dictionary<string, string> options)
    {
        var body = DiscordBody("who", "name", options.GetValueOrDefault("name", "betssy-chavez"), options.GetValueOrDefault("locale", "en-US"), 0);
        Write(Required(options, "body"), Required(options, "headers"), body, DiscordHeaders(body, Convert.FromHexString(Required(options, "secret"))));
        return 0;
    }

    private static int SignSlack(Dictionary<string, string> options)
    {
        var body = SlackBody("who", options.GetValueOrDefault("text", "betssy-chavez"));
        Write(Required(options, "body"), Required(options, "headers"), body, SlackHeaders(body, Required(options, "signing-secret")));
        return 0;
    }

    /// <summary>Distinct signed <c>/ask</c> requests, one file pair each, for the distinct-question mode of load.sh.</summary>
    private static int SignAsk(Dictionary<string, string> options)
    {
        var platform = Required(options, "platform");
        var questions = Questions(Required(options, "questions"));
        var count = options.TryGetValue("count", out var c) ? int.Parse(c, CultureInfo.InvariantCulture) : int.MaxValue;
        var requests = platform switch
        {
            "discord" => questions.SelectMany(q => new[] { (Question: q, Locale: "en-US"), (Question: q, Locale: "es-419") })
                .Take(count)
                .Select((r, i) => DiscordBody("ask", "question", r.Question, r.Locale, i))
                .Select(body => (Body: body, Headers: DiscordHeaders(body, Convert.FromHexString(Required(options, "secret"))))),
            "slack" => questions.Take(count)
                .Select(q => SlackBody("ask", q))
                .Select(body => (Body: body, Headers: SlackHeaders(body, Required(options, "signing-secret")))),
            _ => throw new ArgumentException("--platform must be discord or slack"),
        };

        var folder = Directory.CreateDirectory(Required(options, "out")).FullName;
        var written = 0;
        foreach (var (body, headers) in requests)
        {
            written++;
            var name = Path.Combine(folder, written.ToString("D4", CultureInfo.InvariantCulture));
            Write(name + ".body", name + ".headers", body, headers);
        }

        Console.WriteLine(written);
        return 0;
    }

    /// <summary>The <c>q:</c> texts of the /ask question set (tests/Bot.App.Tests/Ask/questions.yaml), in file order, distinct.</summary>
    private static List<string> Questions(string path) =>
        [.. File.ReadLines(path)
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("- q: ", StringComparison.Ordinal))
            .Select(line => line[5..].Trim())
            .Select(text => text.StartsWith('"') ? System.Text.Json.JsonSerializer.Deserialize<string>(text)! : text.Trim('\''))
            .Distinct(StringComparer.Ordinal)];

    private static string[] DiscordHeaders(string body, byte[] secretKey)
    {
        var timestamp = Now();
        var signature = Signing.Sign(Encoding.UTF8.GetBytes(timestamp + body), secretKey);
        return
        [
            "Content-Type: application/json",
            "User-Agent: Discord-Interactions/1.0 (+https://discord.com)",
            $"X-Signature-Ed25519: {Convert.ToHexStringLower(signature)}",
            $"X-Signature-Timestamp: {timestamp}",
        ];
    }

    private static string[] SlackHeaders(string body, string secret)
    {
        var timestamp = Now();
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
        return
        [
            "Content-Type: application/x-www-form-urlencoded",
            "User-Agent: Slackbot 1.0 (+https://api.slack.com/robots)",
            $"X-Slack-Request-Timestamp: {timestamp}",
            $"X-Slack-Signature: v0={Convert.ToHexStringLower(hash)}",
        ];
    }

    /// <summary>Times one Ed25519 verify and one HMAC-SHA256 over messages the size of the signed requests.</summary>
    private static int CryptoCost(int iterations)
    {
        var (publicKeyBytes, secretKey) = Signing.CreateKeyPair();
        var publicKey = Signing.ImportPublicKey(publicKeyBytes);
        var discord = Encoding.UTF8.GetBytes(Now() + DiscordBody("who", "name", "betssy-chavez", "en-US", 0));
        var signature = Signing.Sign(discord, secretKey);
        var slack = Encoding.UTF8.GetBytes($"v0:{Now()}:{SlackBody("who", "betssy-chavez")}");
        var hmacKey = Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef");
        Span<byte> hash = stackalloc byte[32];

        var ok = 0;
        for (var i = 0; i < Math.Min(iterations, 2_000); i++) // warm-up (tiering)
        {
            ok += Signing.Verify(signature, discord, publicKey) ? 1 : 0;
            HMACSHA256.HashData(hmacKey, slack, hash);
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            ok += Signing.Verify(signature, discord, publicKey) ? 1 : 0;
        }

        var verifyMicros = watch.Elapsed.TotalMicroseconds / iterations;
        watch.Restart();
        for (var i = 0; i < iterations; i++)
        {
            HMACSHA256.HashData(hmacKey, slack, hash);
        }

        var hmacMicros = watch.Elapsed.TotalMicroseconds / iterations;
        if (ok != iterations + Math.Min(iterations, 2_000))
        {
            Console.Error.WriteLine("error: a signature did not verify");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ed25519_verify_us={verifyMicros:F1} hmac_sha256_us={hmacMicros:F2} discord_message_bytes={discord.Length} slack_message_bytes={slack.Length} iterations={iterations}"));
        return 0;
    }

    /// <summary>
    /// An APPLICATION_COMMAND interaction shaped like Discord's (guild member, channel, entitlements...), with one string
    /// option; <paramref name="serial"/> makes the interaction id distinct.
    /// </summary>
    private static string DiscordBody(string command, string option, string value, string locale, int serial) =>
        "{\"app_permissions\":\"562949953601536\",\"application_id\":\"1300000000000000001\",\"authorizing_integration_owners\":{\"0\":\"1200000000000000001\"},"
        + "\"channel\":{\"flags\":0,\"guild_id\":\"1200000000000000001\",\"id\":\"1200000000000000002\",\"last_message_id\":\"1310000000000000001\",\"name\":\"general\",\"nsfw\":false,\"parent_id\":null,\"permissions\":\"1125899906842623\",\"position\":0,\"rate_limit_per_user\":0,\"topic\":null,\"type\":0},"
        + "\"channel_id\":\"1200000000000000002\",\"context\":0,"
        + "\"data\":{\"id\":\"1300000000000000010\",\"name\":\"" + command + "\",\"options\":[{\"name\":\"" + option + "\",\"type\":3,\"value\":" + System.Text.Json.JsonSerializer.Serialize(value) + "}],\"type\":1},"
        + "\"entitlement_sku_ids\":[],\"entitlements\":[],\"guild\":{\"features\":[],\"id\":\"1200000000000000001\",\"locale\":\"en-US\"},\"guild_id\":\"1200000000000000001\",\"guild_locale\":\"en-US\","
        + "\"id\":\"" + (1310000000000000002L + serial).ToString(CultureInfo.InvariantCulture) + "\",\"locale\":" + System.Text.Json.JsonSerializer.Serialize(locale) + ","
        + "\"member\":{\"avatar\":null,\"banner\":null,\"communication_disabled_until\":null,\"deaf\":false,\"flags\":0,\"joined_at\":\"2025-11-04T12:00:00.000000+00:00\",\"mute\":false,\"nick\":null,\"pending\":false,\"permissions\":\"1125899906842623\",\"premium_since\":null,\"roles\":[],"
        + "\"user\":{\"avatar\":null,\"avatar_decoration_data\":null,\"clan\":null,\"discriminator\":\"0\",\"global_name\":\"Bench User\",\"id\":\"1100000000000000001\",\"public_flags\":0,\"username\":\"bench.user\"}},"
        + "\"token\":\"aW50ZXJhY3Rpb246MTMxMDAwMDAwMDAwMDAwMDAwMjpiZW5jaG1hcmstdG9rZW4tbm90LXJlYWwtYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo\","
        + "\"type\":2,\"version\":1}";

    /// <summary>A slash-command form shaped like Slack's.</summary>
    private static string SlackBody(string command, string text) =>
        "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&enterprise_id=E0001&enterprise_name=Example%20Org"
        + "&channel_id=C2147483705&channel_name=general&user_id=U2147483697&user_name=bench"
        + "&command=%2F" + command + "&text=" + Uri.EscapeDataString(text)
        + "&api_app_id=A123456&is_enterprise_install=false"
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678%2Fabcdef"
        + "&trigger_id=13345224609.738474920.8088930838d88f008e0";

    private static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static void Write(string bodyPath, string headersPath, string body, string[] headers)
    {
        File.WriteAllBytes(bodyPath, Encoding.UTF8.GetBytes(body));
        File.WriteAllText(headersPath, string.Join('\n', headers) + "\n");
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new ArgumentException($"--{name} is required");

    /// <summary><c>--name value</c> pairs; a flag followed by another flag (or nothing) gets the value "true".</summary>
    private static Dictionary<string, string> ParseOptions(ReadOnlySpan<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[args[i][2..]] = hasValue ? args[++i] : "true";
        }

        return options;
    }
}
