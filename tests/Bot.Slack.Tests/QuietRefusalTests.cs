using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Bot.Slack.Tests;

/// <summary>What unauthenticated clients can make the bot log: little, at Information at most, and no stack traces.</summary>
public sealed class QuietRefusalTests
{
    [Fact]
    public async Task A_client_that_abandons_its_body_is_logged_at_debug_without_a_stack_trace()
    {
        var logs = new LogEntries();
        await using var app = await SlackTestApp.StartAsync(logs: logs);
        using var rejected = new RejectedRequests(app.App.Services);

        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(app.BaseAddress.Host, app.BaseAddress.Port);
            var head = "POST /slack/commands HTTP/1.1\r\nHost: bot\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\ncommand=%2Fwho";
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
            await Task.Delay(200);
        } // gone with most of its body still owed

        for (var i = 0; i < 50 && !logs.Entries.Any(e => e.Event.Id == 3026); i++)
        {
            await Task.Delay(100);
        }

        Assert.Contains(logs.Entries, e => e.Event.Id == 3026 && e.Level == LogLevel.Debug && e.Exception is null);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Information && e.Exception is not null);
        Assert.Equal(1, rejected["aborted"]);
    }

    [Fact]
    public async Task A_flood_of_forged_requests_is_counted_in_full_and_logged_at_information_ten_lines_a_minute()
    {
        var logs = new LogEntries();
        await using var app = await SlackTestApp.StartAsync(logs: logs);
        using var rejected = new RejectedRequests(app.App.Services);
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 40; i++)
        {
            using var request = Signing.SignedForm(SlackEndpoints.CommandsPath, Signing.Form(("command", "/who"), ("text", "x" + i)), secret: "forged-secret-forged-secret");
            using var response = await app.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(40, rejected["signature"]);
        var refusals = logs.Entries.Where(e => e.Event.Id == 3000).ToList();
        Assert.Equal(10, refusals.Count);
        Assert.All(refusals, e => Assert.Equal(LogLevel.Information, e.Level));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }
}
