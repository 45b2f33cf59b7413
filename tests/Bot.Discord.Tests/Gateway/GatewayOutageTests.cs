using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Discord.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Discord.Tests.Gateway;

/// <summary>
/// Discord outages: the connection drops and reconnects are refused for a while (the WebSocket handshake answers
/// 503), then accepted. Outages are counted in refusals, not in time, and the backoff is read from the shard's own
/// log line (the delay it asked for), so nothing here depends on how fast the machine is.
/// </summary>
public sealed partial class GatewayOutageTests
{
    private const int ReconnectingEvent = 2103;

    [Fact]
    public async Task After_a_drop_and_refused_reconnects_the_shard_resumes_with_backoff_and_answers_every_interaction_once()
    {
        var timings = GatewayBotHost.FastTimings();
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await GatewayBotHost.StartAsync(fake, timings);
        var first = await fake.NextReadySessionAsync("session-outage");
        await first.DispatchAsync("INTERACTION_CREATE", 2, Interaction("4000000000000000001", "ana-prueba"));
        await GatewayBotHost.EventuallyAsync(() => Answered(fake, "4000000000000000001"), "the interaction before the drop answered");
        await GatewayBotHost.EventuallyAsync(() => bot.Logged(2101), "READY logged");

        // The outage: the connection dies without a close frame, then six handshakes in a row are refused.
        fake.RefuseNextConnections = 6;
        first.Abort();
        await GatewayBotHost.EventuallyAsync(() => fake.RefusedConnections >= 1, "a refused reconnect");
        Assert.Equal(HealthStatus.Unhealthy, (await bot.HealthAsync()).Status);
        var second = await fake.NextConnectionAsync();
        await second.HelloAsync();
        var resume = await second.ReceiveAsync(6);

        Assert.Equal("/resume", second.Path);
        Assert.Equal(("session-outage", 2L), ((string)resume["d"]!["session_id"]!, (long)resume["d"]!["seq"]!));
        Assert.Equal(6, fake.RefusedConnections);
        Assert.Single(fake.GatewayBotAuthorizations); // resumed, not started over

        // Discord replays what the shard missed after seq 2, then RESUMED, then new events flow.
        await second.DispatchAsync("INTERACTION_CREATE", 3, Interaction("4000000000000000002", "ana-prueba"));
        await second.DispatchAsync("RESUMED", 4, "{}");
        await second.DispatchAsync("INTERACTION_CREATE", 5, Interaction("4000000000000000003", "ana-prueba"));
        await GatewayBotHost.EventuallyAsync(() => Answered(fake, "4000000000000000002") && Answered(fake, "4000000000000000003"), "the replayed and the new interaction answered");
        await GatewayBotHost.EventuallyAsync(() => bot.Logged(2102), "RESUMED logged");
        Assert.Equal(HealthStatus.Healthy, (await bot.HealthAsync()).Status);

        // Each interaction answered exactly once, with the /who answer.
        var answered = fake.Callbacks.Where(c => c.Status == 204).ToArray();
        Assert.Equal(["4000000000000000001", "4000000000000000002", "4000000000000000003"], answered.Select(c => c.Id).Order());
        Assert.All(answered, c => Assert.Equal("Ana Prueba", (string?)JsonNode.Parse(c.Body)!["data"]!["embeds"]![0]!["title"]));
        Assert.False(bot.Logged(2112), "no callback failed");

        // One reconnect per failure (the drop, then six refusals), each a resume, each delay in its backoff band:
        // min·2^(n-1) scaled by 50–100 %, at most the cap. Until the cap the bands never overlap downwards. (The drop
        // itself may be noticed as a zombie connection first, an unacknowledged heartbeat, which resumes at once.)
        var retries = Reconnects(bot);
        Assert.Equal(7, retries.Count);
        Assert.All(retries, r => Assert.Equal("resume", r.Action));
        Assert.InRange(retries[0].Delay, TimeSpan.Zero, timings.ReconnectMinDelay);
        for (var i = 1; i < retries.Count; i++)
        {
            var ceiling = Math.Min(timings.ReconnectMaxDelay.TotalMilliseconds, timings.ReconnectMinDelay.TotalMilliseconds * Math.Pow(2, i));
            Assert.InRange(retries[i].Delay.TotalMilliseconds, ceiling / 2, ceiling);
        }

        var growing = retries.Take(4).Select(r => r.Delay).ToArray();
        Assert.Equal(growing.Order(), growing);
        Assert.True(retries[^1].Delay > retries[0].Delay, "the backoff grew");
    }

    [Fact]
    public async Task Refused_reconnects_after_a_second_outage_back_off_from_the_shortest_delay_again()
    {
        var timings = GatewayBotHost.FastTimings();
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await GatewayBotHost.StartAsync(fake, timings);
        var first = await fake.NextReadySessionAsync("session-twice");
        await GatewayBotHost.EventuallyAsync(() => bot.Logged(2101), "READY logged");

        fake.RefuseNextConnections = 3;
        first.Abort();
        var second = await fake.NextConnectionAsync();
        await second.HelloAsync();
        await second.ReceiveAsync(6);
        await second.DispatchAsync("RESUMED", 2, "{}");
        await GatewayBotHost.EventuallyAsync(() => bot.Logged(2102), "RESUMED logged");

        fake.RefuseNextConnections = 3;
        second.Abort();
        var third = await fake.NextConnectionAsync();
        await third.HelloAsync();
        var resume = (await third.ReceiveAsync(6))["d"]!;

        // The resumed session counts as connected, so the second outage starts again at min·2^0.
        var retries = Reconnects(bot);
        Assert.Equal(8, retries.Count);
        var ceilings = new[] { 1, 2, 4, 8 }.Select(f => Math.Min(timings.ReconnectMaxDelay.TotalMilliseconds, timings.ReconnectMinDelay.TotalMilliseconds * f)).ToArray();
        for (var i = 0; i < retries.Count; i++)
        {
            // Each drop may be noticed as a zombie connection first (an unacknowledged heartbeat): resumed at once.
            var floor = i % 4 == 0 ? 0 : ceilings[i % 4] / 2;
            Assert.InRange(retries[i].Delay.TotalMilliseconds, floor, ceilings[i % 4]);
        }

        Assert.Equal(("session-twice", 2L), ((string)resume["session_id"]!, (long)resume["seq"]!));
    }

    private static string Interaction(string id, string name) =>
        Payloads.Command("who", $$"""[{"name":"name","type":3,"value":"{{name}}"}]""", id: id);

    private static bool Answered(FakeDiscord fake, string id) => fake.Callbacks.Any(c => c.Id == id && c.Status == 204);

    /// <summary>The shard's "reconnecting in {Delay} to {Action}" log lines, oldest first.</summary>
    private static List<(TimeSpan Delay, string Action)> Reconnects(GatewayBotHost bot) =>
    [
        .. bot.Logs.Entries.Where(e => e.Event.Id == ReconnectingEvent)
            .Select(e => ReconnectLine().Match(e.Message))
            .Select(m => (TimeSpan.Parse(m.Groups["delay"].Value, CultureInfo.InvariantCulture), m.Groups["action"].Value)),
    ];

    [GeneratedRegex(@"reconnecting in (?<delay>\S+) to (?<action>\w+):")]
    private static partial Regex ReconnectLine();
}
