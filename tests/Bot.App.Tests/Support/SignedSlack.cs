using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Bot.App.Tests.Support;

/// <summary>Slack slash commands signed as Slack signs them (v0 HMAC-SHA256), posted to the host under test.</summary>
internal static class SignedSlack
{
    private static long LastTrigger;

    /// <summary>
    /// Posts a form body to <c>/slack/commands</c>, signed with <paramref name="secret"/> at <paramref name="at"/> unless a
    /// signature is given. A command gets a fresh <c>trigger_id</c> as from Slack, so two alike are two requests, not a replay.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string secret, string body, DateTimeOffset? at = null, string? signature = null, string path = "/slack/commands")
    {
        if (path == "/slack/commands" && !body.Contains("trigger_id=", StringComparison.Ordinal))
        {
            body += "&trigger_id=" + NewTriggerId();
        }

        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        signature ??= "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        return await client.SendAsync(request);
    }

    /// <summary>A fresh trigger_id, as Slack sends with every command and button press.</summary>
    public static string NewTriggerId() => "1." + Interlocked.Increment(ref LastTrigger).ToString(CultureInfo.InvariantCulture) + ".a1b2c3";

    /// <summary>A slash command from <paramref name="userId"/> in <paramref name="channelId"/>; asserts 200 and returns the message JSON.</summary>
    public static async Task<JsonElement> CommandAsync(HttpClient client, string secret, string userId, string command, string text, string channelId = "C1")
    {
        var body = string.Join('&', new[] { ("team_id", "T1"), ("channel_id", channelId), ("user_id", userId), ("command", command), ("text", text), ("response_url", "https://hooks.slack.com/commands/T1/1/x") }
            .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
        using var response = await PostAsync(client, secret, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    /// <summary>A Previous/Next press from <paramref name="userId"/> in channel C1 on a message posted just now; asserts the 200 acknowledgement.</summary>
    public static async Task PressAsync(HttpClient client, string secret, string userId, string pageToken, Uri responseUrl)
    {
        var payload = JsonSerializer.Serialize(new
        {
            type = "block_actions",
            trigger_id = NewTriggerId(),
            user = new { id = userId, team_id = "T1" },
            team = new { id = "T1" },
            channel = new { id = "C1" },
            container = new { type = "message", message_ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ".000100" },
            response_url = responseUrl.AbsoluteUri,
            actions = new[] { new { action_id = "page:next:en", block_id = "paging", value = pageToken, type = "button" } },
        });
        using var response = await PostAsync(client, secret, "payload=" + Uri.EscapeDataString(payload), path: "/slack/interactions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
