using System.Net;

namespace Bot.Slack.Tests;

/// <summary>
/// A bounded, seeded fuzz run over the slash-command and interactivity endpoints: signed random and hostile input never
/// gets a 5xx, and no answer carries a live mention or a forged link.
/// </summary>
public sealed class SlackFuzzTests
{
    private const int Cases = 400;

    private static readonly string[] Commands = ["/who", "/timeline", "/quote", "/ask", "/positions", "/sources", "/help", "/report", "/facts", "/nope", "", "who"];

    private static readonly string[] Hostile =
    [
        "<!channel>", "<!here>", "<!everyone>", "@here", "@channel", "<@U123>", "<https://evil.example|click>", "&amp;", "a & b < c > d",
        "\u202Eesrever", "\u200B", "Ｓｈｅｉｎｂａｕｍ", "\"unterminated", "from:2025-99-99", "page:0", "page:99999999999", "to:", "person:\"",
        new string('z', 3000), "👍🏽", "\uD800",
    ];

    [Fact]
    public async Task Signed_random_commands_never_get_a_server_error_a_live_mention_or_a_forged_link()
    {
        await using var app = await SlackTestApp.StartAsync();
        var random = new Random(20251106);
        var failures = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var text = string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Hostile[random.Next(Hostile.Length)]));
            var body = Signing.Form(("team_id", "T1"), ("user_id", "U1"), ("command", Commands[random.Next(Commands.Length)]), ("text", text), ("response_url", "https://hooks.slack.com/commands/T1/1/x"));
            if (random.Next(8) == 0)
            {
                body = body[..random.Next(body.Length)]; // truncated form
            }

            using var request = Signing.SignedForm(SlackEndpoints.CommandsPath, body, contentType: random.Next(10) == 0 ? "application/json" : "application/x-www-form-urlencoded");
            using var response = await app.Client.SendAsync(request);
            var reply = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{(int)response.StatusCode} for case {i}");
            }

            // Slack acts on <!…>, <@…> and <url|text> in mrkdwn; user and fact text must reach it escaped.
            foreach (var live in new[] { "<!channel>", "<!here>", "<!everyone>", "<@U123>", "<https://evil.example|" })
            {
                if (reply.Contains(live, StringComparison.Ordinal))
                {
                    failures.Add($"case {i}: '{live}' reached the reply unescaped");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Garbage_interaction_payloads_never_get_a_server_error()
    {
        await using var app = await SlackTestApp.StartAsync();
        var random = new Random(20251107);
        string[] payloads = ["{", "[]", "null", "{\"type\":\"block_actions\"}", "{\"type\":\"block_actions\",\"actions\":[{\"action_id\":\"page:next\",\"value\":\"t|0\"}],\"response_url\":\"not a url\"}", new string('[', 5000)];
        for (var i = 0; i < 60; i++)
        {
            var payload = payloads[random.Next(payloads.Length)];
            using var request = Signing.SignedForm(SlackEndpoints.InteractionsPath, Signing.Form(("payload", payload)));
            using var response = await app.Client.SendAsync(request);

            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {payload[..Math.Min(40, payload.Length)]}");
        }

        using var invalidUtf8 = new HttpRequestMessage(HttpMethod.Post, SlackEndpoints.CommandsPath) { Content = new ByteArrayContent([0x63, 0x6F, 0xC3, 0xFF, 0x3D]) };
        invalidUtf8.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        using var refused = await app.Client.SendAsync(invalidUtf8);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
