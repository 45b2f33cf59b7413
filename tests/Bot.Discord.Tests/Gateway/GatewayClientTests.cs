using System.Diagnostics;
using System.Text.Json.Nodes;
using Bot.Core.Querying;
using Bot.Discord.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests.Gateway;

public sealed class GatewayClientTests
{
    [Fact]
    public async Task Hello_is_followed_by_identify_with_the_token_no_intents_and_the_shard()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await GatewayBotHost.StartAsync(fake);

        var connection = await fake.NextConnectionAsync();
        Assert.Equal("/gateway", connection.Path);
        Assert.Equal("?v=10&encoding=json", connection.Query);
        Assert.Equal("Unhealthy", (await bot.HealthAsync()).Status.ToString());
        await connection.HelloAsync();
        var identify = (await connection.ReceiveAsync(2))["d"]!;

        Assert.Equal(GatewayBotHost.Token, (string)identify["token"]!);
        Assert.Equal(0, (int)identify["intents"]!);
        Assert.Equal("[0,1]", identify["shard"]!.ToJsonString());
        Assert.False(string.IsNullOrEmpty((string?)identify["properties"]!["os"]));
        Assert.False(string.IsNullOrEmpty((string?)identify["properties"]!["browser"]));
        Assert.False(string.IsNullOrEmpty((string?)identify["properties"]!["device"]));
        Assert.Equal("Bot " + GatewayBotHost.Token, Assert.Single(fake.GatewayBotAuthorizations));

        await connection.ReadyAsync("session-1", fake.WsBase + "/resume");
        await GatewayBotHost.EventuallyAsync(() => bot.Logged(2101), "READY logged as connected");
        Assert.Equal(HealthStatus.Healthy, (await bot.HealthAsync()).Status);
    }

    [Fact]
    public async Task Heartbeats_carry_the_last_sequence_are_acknowledged_and_answer_a_heartbeat_request()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await GatewayBotHost.StartAsync(fake);
        var connection = await fake.NextConnectionAsync();
        var clock = Stopwatch.StartNew();
        await connection.HelloAsync(intervalMs: 100);
        await connection.ReceiveAsync(2);
        await connection.ReadyAsync("session-1", fake.WsBase + "/resume", sequence: 7);

        await GatewayBotHost.EventuallyAsync(() => connection.Heartbeats >= 3, "three heartbeats");
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(3));
        Assert.Contains(connection.HeartbeatData, d => d?.GetValue<long>() == 7);
        Assert.True(bot.Logged(2104), "heartbeat latency logged");
        Assert.False(bot.Logged(2105), "no zombie with every heartbeat acknowledged");

        // Heartbeat request (op 1): the bot beats at once, not at the next interval.
        var before = connection.Heartbeats;
        await connection.SendAsync("""{"op":1,"d":null}""");
        await GatewayBotHost.EventuallyAsync(() => connection.Heartbeats > before, "a heartbeat after op 1", TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task An_interaction_create_for_who_is_answered_through_the_callback_after_a_429()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.CallbackRateLimits = 1;
        await using var bot = await GatewayBotHost.StartAsync(fake);
        var connection = await fake.NextReadySessionAsync();

        await connection.DispatchAsync("INTERACTION_CREATE", 2, Payloads.Command("who", """[{"name":"name","type":3,"value":"ana-prueba"}]""", id: "1111111111111111111"));
        await GatewayBotHost.EventuallyAsync(() => fake.Callbacks.Count >= 2, "the callback retried after 429");

        var calls = fake.Callbacks.ToArray();
        Assert.Equal([429, 204], calls.Select(c => c.Status));
        Assert.All(calls, c => Assert.Equal(("1111111111111111111", "t0k3n"), (c.Id, c.Token)));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(40), "waited retry_after (50 ms)");
        Assert.StartsWith("DiscordBot (", calls[1].UserAgent, StringComparison.Ordinal);
        var answer = new QueryEngine(new Bot.Core.Facts.FixedFactStore(TestFacts.Small()))
            .Answer(new("who", new Dictionary<string, string> { ["name"] = "ana-prueba" }, "en-US"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(DiscordAnswerRenderer.Render(answer)), JsonNode.Parse(calls[1].Body)), calls[1].Body);
        Assert.Equal("Ana Prueba", (string?)JsonNode.Parse(calls[1].Body)!["data"]!["embeds"]![0]!["title"]);
        Assert.True(bot.Logged(6000), "the 429 is logged");
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains("t0k3n", StringComparison.Ordinal) || e.Message.Contains(GatewayBotHost.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconnect_op_7_resumes_on_the_resume_url_with_the_session_id_and_last_sequence()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await GatewayBotHost.StartAsync(fake);
        var first = await fake.NextReadySessionAsync("session-abc");
        await first.DispatchAsync("APPLICATION_COMMAND_PERMISSIONS_UPDATE", 5, """{"id":"1","application_id":"1","guild_id":"1","permissions":[]}""");

        await first.SendAsync("""{"op":7,"d":null}""");
        var second = await fake.NextConnectionAsync();
        await second.HelloAsync();
        var resume = (await second.ReceiveAsync(6))["d"]!;

        Assert.Equal("/resume", second.Path);
        Assert.Equal("?v=10&encoding=json", second.Query);
        Assert.Equal(GatewayBotHost.Token, (string)resume["token"]!);
        Assert.Equal("session-abc", (string)resume["session_id"]!);
        Assert.Equal(5, (long)resume["seq"]!);
        await second.DispatchAsync("RESUMED", 6, "{}");
        await GatewayBotHost.EventuallyAsync(() => bot.Logged(2102), "RESUMED logged");
        Assert.True(bot.Logged(2103), "the reconnect is logged");
        Assert.Single(fake.GatewayBotAuthorizations);
    }

    [Fact]
    public async Task Invalid_session_that_cannot_resume_identifies_again_on_the_gateway_url()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await GatewayBotHost.StartAsync(fake);
        var first = await fake.NextReadySessionAsync("session-abc");

        await first.SendAsync("""{"op":9,"d":false}""");
        var second = await fake.NextConnectionAsync();
        await second.HelloAsync();
        var identify = (await second.ReceiveAsync(2))["d"]!;

        Assert.Equal("/gateway", second.Path);
        Assert.Equal("[0,1]", identify["shard"]!.ToJsonString());
        Assert.Contains(bot.Logs.Entries, e => e.Event.Id == 2106 && e.Message.Contains("False", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_session_that_can_resume_sends_resume()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await GatewayBotHost.StartAsync(fake);
        var first = await fake.NextReadySessionAsync("session-abc", sequence: 3);

        await first.SendAsync("""{"op":9,"d":true}""");
        var second = await fake.NextConnectionAsync();
        await second.HelloAsync();
        var resume = (await second.ReceiveAsync(6))["d"]!;

        Assert.Equal(("session-abc", 3L), ((string)resume["session_id"]!, (long)resume["seq"]!));
    }

    [Fact]
    public async Task A_missed_heartbeat_ack_closes_the_zombie_connection_and_resumes()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await GatewayBotHost.StartAsync(fake);
        var first = await fake.NextConnectionAsync();
        first.AutoAck = false;
        await first.HelloAsync(intervalMs: 100);
        await first.ReceiveAsync(2);
        await first.ReadyAsync("session-zombie", fake.WsBase + "/resume", sequence: 4);

        var second = await fake.NextConnectionAsync();
        await second.HelloAsync();
        var resume = (await second.ReceiveAsync(6))["d"]!;

        Assert.Equal("/resume", second.Path);
        Assert.Equal(("session-zombie", 4L), ((string)resume["session_id"]!, (long)resume["seq"]!));
        Assert.True(bot.Logged(2105), "the zombie connection is logged");
        await first.Done.WaitAsync(FakeDiscord.Wait);
    }

    [Theory]
    [InlineData(4000, 6)]
    [InlineData(4009, 2)]
    public async Task A_close_code_resumes_or_identifies_as_the_close_code_table_says(int code, int expectedOp)
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await GatewayBotHost.StartAsync(fake);
        var first = await fake.NextReadySessionAsync("session-abc");

        await first.CloseAsync(code, "test");
        var second = await fake.NextConnectionAsync();
        await second.HelloAsync();

        Assert.Equal(expectedOp, (int)(await second.ReceiveAsync(expectedOp))["op"]!);
        Assert.Equal(expectedOp == 6 ? "/resume" : "/gateway", second.Path);
    }

    [Fact]
    public async Task Close_4004_stops_the_application_with_a_clear_error_and_no_reconnect()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await GatewayBotHost.StartAsync(fake);
        var connection = await fake.NextConnectionAsync();
        await connection.HelloAsync();
        await connection.ReceiveAsync(2);

        await connection.CloseAsync(4004, "Authentication failed.");
        await Task.Delay(Timeout.Infinite, bot.Stopping).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(FakeDiscord.Wait);

        var line = Assert.Single(bot.Logs.Entries, e => e.Event.Id == 2107);
        Assert.Equal(LogLevel.Critical, line.Level);
        Assert.Contains("4004 authentication failed", line.Message, StringComparison.Ordinal);
        Assert.Contains("Discord:BotToken", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains(GatewayBotHost.Token, StringComparison.Ordinal));
        await Task.Delay(300);
        Assert.False(fake.HasPendingConnection, "no reconnect after a fatal close code");
        Assert.Equal(HealthStatus.Unhealthy, (await bot.HealthAsync()).Status);
    }

    [Theory]
    [InlineData(4010)]
    [InlineData(4014)]
    public async Task Other_fatal_close_codes_also_stop_the_application(int code)
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await GatewayBotHost.StartAsync(fake);
        var connection = await fake.NextConnectionAsync();
        await connection.HelloAsync();
        await connection.ReceiveAsync(2);

        await connection.CloseAsync(code, "fatal");
        await Task.Delay(Timeout.Infinite, bot.Stopping).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(FakeDiscord.Wait);

        Assert.Contains(bot.Logs.Entries, e => e.Event.Id == 2107 && e.Message.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_shards_with_max_concurrency_1_identify_one_window_apart()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.Shards = 2;
        fake.MaxConcurrency = 1;
        var window = TimeSpan.FromMilliseconds(400);
        await using var bot = await GatewayBotHost.StartAsync(fake, GatewayBotHost.FastTimings(identifyWindow: window));

        var (shards, gap) = await IdentifyBothAsync(fake);

        // Both shards share the one bucket; whichever connects first identifies first, the other a window later.
        Assert.Equal(["[0,2]", "[1,2]"], shards.Order(StringComparer.Ordinal));
        Assert.True(gap >= window - TimeSpan.FromMilliseconds(30), $"second identify came {gap.TotalMilliseconds} ms after the first");
    }

    [Fact]
    public async Task Two_shards_with_max_concurrency_2_identify_together()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.Shards = 2;
        fake.MaxConcurrency = 2;
        await using var bot = await GatewayBotHost.StartAsync(fake, GatewayBotHost.FastTimings(identifyWindow: TimeSpan.FromSeconds(10)));

        var (shards, gap) = await IdentifyBothAsync(fake);

        Assert.Equal(["[0,2]", "[1,2]"], shards.Order(StringComparer.Ordinal));
        Assert.True(gap < TimeSpan.FromSeconds(5), $"second identify came {gap.TotalMilliseconds} ms after the first");
    }

    private static async Task<(List<string> Shards, TimeSpan Gap)> IdentifyBothAsync(FakeDiscord fake)
    {
        var shards = new List<string>();
        var times = new List<DateTime>();
        for (var i = 0; i < 2; i++)
        {
            var connection = await fake.NextConnectionAsync();
            await connection.HelloAsync(intervalMs: 1000);
            var identify = (await connection.ReceiveAsync(2))["d"]!;
            times.Add(DateTime.UtcNow);
            shards.Add(identify["shard"]!.ToJsonString());
            Assert.Equal(0, (int)identify["intents"]!);
        }

        return (shards, times[1] - times[0]);
    }
}
