using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Core.Facts;
using Bot.Discord.Tests.Support;

namespace Bot.Discord.Tests;

/// <summary>
/// A bounded, seeded fuzz run over the interactions endpoint: signed random and mutated payloads never get a 5xx,
/// and every answer keeps mentions switched off and user text escaped.
/// </summary>
public sealed class DiscordFuzzTests
{
    private const int Cases = 400;

    private static readonly string[] Hostile =
    [
        "@everyone", "@here", "<@123456789012345678>", "<@&987654321>", "<#1>", "**bold**", "`code`", "[link](https://evil.example)",
        "\u202Eesrever", "\u200Bzero\u200Dwidth", "Ｊｅｒí", "Ϳerí", "\uD800", "\"quoted\"", "{", "]", new string('x', 5000), "👍🏽", "\0",
    ];

    /// <summary>The seeds, each with a fresh interaction id (a repeated id would be refused as a replay).</summary>
    private static string[] Seeds() =>
    [
        Payloads.Command("who", """[{"name":"name","type":3,"value":"betssy chavez"}]"""),
        Payloads.Command("timeline", """[{"name":"page","type":4,"value":2}]"""),
        Payloads.Command("quote", """[{"name":"speaker","type":3,"value":"sheinbaum"},{"name":"keyword","type":3,"value":"soberanía"}]"""),
        Payloads.Command("ask", """[{"name":"question","type":3,"value":"why did Peru break relations?"}]"""),
        Payloads.Autocomplete("who", "name", "jos"),
        Payloads.Button("pg:t|2"),
        Payloads.Ping,
    ];

    [Fact]
    public async Task Signed_random_and_mutated_payloads_never_get_a_server_error_or_a_ping()
    {
        await using var host = await DiscordTestHost.StartAsync(new FixedFactStore(TestFacts.Real));
        var random = new Random(20251103);
        var failures = new List<string>();
        var answered = 0;
        for (var i = 0; i < Cases; i++)
        {
            var seeds = Seeds();
            var body = Mutate(seeds[random.Next(seeds.Length)], random);
            var timestamp = TestKeys.Timestamp(DiscordTestHost.Now);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(random.Next(10) == 0 ? "text/plain" : "application/json");
            request.Headers.Add("X-Signature-Ed25519", host.Keys.Sign(timestamp, body));
            request.Headers.Add("X-Signature-Timestamp", timestamp);
            using var response = await host.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{(int)response.StatusCode} for case {i}");
                continue;
            }

            if (response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(text) is JsonObject json && json["data"] is JsonObject data && data["embeds"] is not null)
            {
                answered++;
                if (data["allowed_mentions"]?["parse"]?.AsArray().Count != 0)
                {
                    failures.Add($"case {i}: mentions not switched off");
                }

                var rendered = data.ToJsonString();
                if (rendered.Contains("@everyone", StringComparison.Ordinal) || rendered.Contains("@here", StringComparison.Ordinal))
                {
                    failures.Add($"case {i}: an unescaped @everyone/@here reached the output");
                }
            }
        }

        Assert.Empty(failures);
        // A fifth at least: the invalid-UTF-8 mutations are refused with 400 before anything reads them (issue 15, D5).
        Assert.True(answered > Cases / 5, $"only {answered} of {Cases} cases produced an answer to inspect");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    [InlineData(20000)]
    public async Task Deeply_nested_json_is_refused_without_a_server_error(int depth)
    {
        await using var host = await DiscordTestHost.StartAsync(new FixedFactStore(TestFacts.Real));
        var body = string.Concat(Enumerable.Repeat("""{"type":2,"data":""", depth)) + "1" + new string('}', depth);

        using var response = await host.PostSignedAsync(body);

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}");
    }

    private static byte[] Mutate(string seed, Random random)
    {
        var text = seed;
        switch (random.Next(6))
        {
            case 0: // replace a string value with hostile text
                var at = text.IndexOf("\"value\":\"", StringComparison.Ordinal);
                if (at >= 0)
                {
                    var start = at + 9;
                    var end = text.IndexOf('"', start);
                    var hostile = Hostile[random.Next(Hostile.Length)].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
                    text = text[..start] + hostile + text[end..];
                }

                break;
            case 1: // truncate
                text = text[..random.Next(text.Length)];
                break;
            case 2: // flip a few characters
                var chars = text.ToCharArray();
                for (var k = 0; k < 3; k++)
                {
                    chars[random.Next(chars.Length)] = (char)random.Next(32, 127);
                }

                text = new string(chars);
                break;
            case 3: // wrong types
                text = text.Replace("\"type\":2", "\"type\":\"2\"", StringComparison.Ordinal).Replace("\"value\":2", "\"value\":\"two\"", StringComparison.Ordinal);
                break;
            case 4: // invalid UTF-8
                var bytes = Encoding.UTF8.GetBytes(text).ToList();
                bytes.Insert(random.Next(bytes.Count), 0xC3);
                bytes.Insert(random.Next(bytes.Count), 0xFF);
                return [.. bytes];
            default: // huge option
                text = text.Replace("betssy chavez", new string('a', 50_000), StringComparison.Ordinal);
                break;
        }

        return Encoding.UTF8.GetBytes(text);
    }
}
