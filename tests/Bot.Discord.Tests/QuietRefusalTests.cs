using System.Net;
using System.Net.Sockets;
using System.Text;
using Bot.Core.Facts;
using Bot.Discord.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests;

/// <summary>What unauthenticated clients can make the bot log: little, at Information at most, and no stack traces.</summary>
public sealed class QuietRefusalTests
{
    [Fact]
    public async Task A_client_that_abandons_its_body_is_logged_at_debug_without_a_stack_trace()
    {
        await using var host = await DiscordTestHost.StartAsync(new FixedFactStore(TestFacts.Small()));
        var address = host.Client.BaseAddress!;

        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(address.Host, address.Port);
            var head = "POST /discord/interactions HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n" +
                       "X-Signature-Ed25519: " + new string('0', 128) + "\r\nX-Signature-Timestamp: 1\r\nContent-Length: 5000\r\n\r\n{\"type\":";
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
            await Task.Delay(200);
        } // gone with 4,990 bytes still owed

        for (var i = 0; i < 50 && !host.Logs.Entries.Any(e => e.Event.Id == 2009); i++)
        {
            await Task.Delay(100);
        }

        Assert.Contains(host.Logs.Entries, e => e.Event.Id == 2009 && e.Level == LogLevel.Debug && e.Exception is null);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= LogLevel.Information && e.Exception is not null);
    }

    [Fact]
    public async Task A_flood_of_forged_requests_is_logged_at_information_ten_lines_a_minute()
    {
        await using var host = await DiscordTestHost.StartAsync(new FixedFactStore(TestFacts.Small()));
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 40; i++)
        {
            using var response = await host.PostSignedAsync(Payloads.Ping, signedBody: Payloads.Ping); // a different id: the signature does not match
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        var refusals = host.Logs.Entries.Where(e => e.Event.Id == 2001).ToList();
        Assert.Equal(10, refusals.Count);
        Assert.All(refusals, e => Assert.Equal(LogLevel.Information, e.Level));
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }
}
