using Bot.Core.Operations;
using Bot.Discord.Gateway;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Discord.Tests.Gateway;

/// <summary>
/// How the bot treats one Gateway connection: it closes with a close frame (never a dropped socket), stays within
/// Discord's send limit however much the server asks, and exits non-zero when Discord refuses it for good.
/// </summary>
public sealed class GatewayConnectionMannersTests
{
    [Fact]
    public async Task A_zombie_connection_is_closed_with_a_resumable_close_code_not_dropped()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await GatewayBotHost.StartAsync(fake);
        var first = await fake.NextConnectionAsync();
        first.AutoAck = false;
        await first.HelloAsync(intervalMs: 100);
        await first.ReceiveAsync(2);
        await first.ReadyAsync("session-zombie", fake.WsBase + "/resume", sequence: 4);

        var code = await first.BotCloseCode.WaitAsync(FakeDiscord.Wait);

        Assert.NotEqual(1006, code); // a close frame came: the server saw a close, not a dropped connection
        Assert.NotEqual(1000, code); // 1000 and 1001 would end the session; the bot wants to resume it
        Assert.NotEqual(1001, code);
        var second = await fake.NextConnectionAsync();
        await second.HelloAsync();
        Assert.Equal("session-zombie", (string)(await second.ReceiveAsync(6))["d"]!["session_id"]!);
    }

    [Theory]
    [InlineData(4000)] // unknown error: the bot resumes
    [InlineData(4009)] // session timed out: the bot identifies anew
    [InlineData(4004)] // authentication failed: the bot stops
    public async Task A_close_from_discord_is_answered_with_a_close_frame(int code)
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await GatewayBotHost.StartAsync(fake);
        var connection = await fake.NextReadySessionAsync();

        await connection.CloseAsync(code, "closed by the test");

        Assert.Equal(code, await connection.BotCloseCode.WaitAsync(FakeDiscord.Wait));
    }

    [Fact]
    public async Task A_flood_of_heartbeat_requests_stays_within_120_sends_a_minute_and_timed_heartbeats_keep_going()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await GatewayBotHost.StartAsync(fake);
        var connection = await fake.NextConnectionAsync();
        await connection.HelloAsync(intervalMs: 700);
        await connection.ReceiveAsync(2);
        await connection.ReadyAsync("session-flood", fake.WsBase + "/resume");

        for (var i = 0; i < 130; i++)
        {
            await connection.SendAsync("""{"op":1,"d":null}""");
        }

        await GatewayBotHost.EventuallyAsync(() => connection.Sent >= GatewaySendBudget.Limit - GatewaySendBudget.ReservedForHeartbeats, "the requests answered up to the budget");
        var afterFlood = connection.Heartbeats;
        await GatewayBotHost.EventuallyAsync(() => connection.Heartbeats > afterFlood, "a timed heartbeat after the flood");
        await Task.Delay(500);

        Assert.InRange(connection.Sent, GatewaySendBudget.Limit - GatewaySendBudget.ReservedForHeartbeats, GatewaySendBudget.Limit);
        Assert.False(connection.Done.IsCompleted, "the connection is still up");
        Assert.False(fake.HasPendingConnection, "no reconnect");
    }

    [Theory]
    [InlineData(4004)]
    [InlineData(4010)]
    [InlineData(4011)]
    [InlineData(4012)]
    [InlineData(4013)]
    [InlineData(4014)]
    public async Task A_fatal_close_stops_the_host_with_exit_code_3(int code)
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await GatewayBotHost.StartAsync(fake);
        var connection = await fake.NextConnectionAsync();
        await connection.HelloAsync();
        await connection.ReceiveAsync(2);
        Assert.Equal(0, bot.Services.GetRequiredService<ExitStatus>().Code);

        await connection.CloseAsync(code, "fatal");
        await Task.Delay(Timeout.Infinite, bot.Stopping).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(FakeDiscord.Wait);

        Assert.Equal(ExitStatus.DiscordRefused, bot.Services.GetRequiredService<ExitStatus>().Code);
    }
}
