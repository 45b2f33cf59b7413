using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Bot.Core.Feedback;
using Bot.Discord.Gateway;
using Bot.Discord.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests.Gateway;

public sealed class GatewayMetricsAndDeferTests
{
    [Fact]
    public async Task Metrics_count_identifies_resumes_reconnects_and_invalid_sessions_and_time_heartbeats_and_interactions()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await GatewayBotHost.StartAsync(fake);
        using var metrics = new GatewayMeterRecorder(bot.Services.GetRequiredService<IMeterFactory>());

        var first = await fake.NextConnectionAsync();
        await first.HelloAsync(intervalMs: 100);
        await first.ReceiveAsync(2);
        await first.ReadyAsync("session-metrics", fake.WsBase + "/resume", sequence: 1);
        await GatewayBotHost.EventuallyAsync(() => metrics.Count(GatewayMetrics.HeartbeatLatencyName) >= 1, "a heartbeat round trip recorded");
        Assert.Equal(1, metrics.Gauge(GatewayMetrics.ConnectedShardsName));

        // A forced resume: Reconnect (op 7), then Resume on the resume URL and RESUMED.
        await first.SendAsync("""{"op":7,"d":null}""");
        var second = await fake.NextConnectionAsync();
        await second.HelloAsync(intervalMs: 100);
        await second.ReceiveAsync(6);
        await second.DispatchAsync("RESUMED", 2, "{}");
        await GatewayBotHost.EventuallyAsync(() => bot.Logged(2102), "RESUMED logged");
        await GatewayBotHost.EventuallyAsync(() => metrics.Sum(GatewayMetrics.ResumesName, ("shard", 0)) == 1, "the resume counted");

        Assert.Equal(1, metrics.Sum(GatewayMetrics.IdentifiesName, ("shard", 0)));
        Assert.Equal(1, metrics.Sum(GatewayMetrics.ResumesName, ("shard", 0)));
        Assert.Equal(1, metrics.Sum(GatewayMetrics.ReconnectsName, ("shard", 0), ("next", "resume")));
        Assert.Equal(0, metrics.Sum(GatewayMetrics.InvalidSessionsName));
        Assert.Equal(1, metrics.Gauge(GatewayMetrics.ConnectedShardsName));
        Assert.All(metrics.Values(GatewayMetrics.HeartbeatLatencyName), ms => Assert.InRange(ms, 0, 5000));

        // An interaction answered inline: total time and the part beyond the core.
        await second.DispatchAsync("INTERACTION_CREATE", 3, Payloads.Command("who", """[{"name":"name","type":3,"value":"ana-prueba"}]"""));
        await GatewayBotHost.EventuallyAsync(() => metrics.Count(GatewayMetrics.InteractionOverheadName) == 1, "the interaction timed");
        Assert.Equal(1, metrics.Count(GatewayMetrics.InteractionDurationName, ("deferred", false)));
        Assert.True(metrics.Values(GatewayMetrics.InteractionDurationName)[0] >= metrics.Values(GatewayMetrics.InteractionOverheadName)[0]);

        // Invalid Session (op 9, not resumable): counted, and a fresh identify follows.
        await second.SendAsync("""{"op":9,"d":false}""");
        var third = await fake.NextConnectionAsync();
        await third.HelloAsync(intervalMs: 100);
        await third.ReceiveAsync(2);

        // The fake may read the Identify before the bot has counted it: wait for the counters, bounded.
        await GatewayBotHost.EventuallyAsync(() => metrics.Sum(GatewayMetrics.IdentifiesName, ("shard", 0)) == 2, "the second identify counted");
        Assert.Equal(1, metrics.Sum(GatewayMetrics.InvalidSessionsName, ("shard", 0), ("resumable", false)));
        Assert.Equal(1, metrics.Sum(GatewayMetrics.ReconnectsName, ("next", "identify")));
        Assert.Equal(0, metrics.Gauge(GatewayMetrics.ConnectedShardsName));
    }

    [Fact]
    public async Task A_slow_private_answer_is_deferred_privately_with_type_5_and_then_edited_in_after_a_429()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.EditRateLimits = 1;
        var timings = new GatewayTimings
        {
            IdentifyWindow = TimeSpan.FromMilliseconds(50),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
            DeferAfter = TimeSpan.FromMilliseconds(100),
        };
        var store = new SlowFeedbackStore(TimeSpan.FromMilliseconds(400));
        await using var bot = await GatewayBotHost.StartAsync(fake, timings, services: s => s.AddSingleton<IFeedbackStore>(store));
        using var metrics = new GatewayMeterRecorder(bot.Services.GetRequiredService<IMeterFactory>());
        var connection = await fake.NextReadySessionAsync();

        await connection.DispatchAsync("INTERACTION_CREATE", 2, Payloads.Command("report", """[{"name":"text","type":3,"value":"The date is wrong"}]""", id: "1111111111111111111"));
        await GatewayBotHost.EventuallyAsync(() => fake.Edits.Count >= 2, "the deferred answer edited in after a 429");

        var callback = Assert.Single(fake.Callbacks);
        Assert.Equal(("1111111111111111111", "t0k3n", 204), (callback.Id, callback.Token, callback.Status));
        // A report's receipt is for the reporter alone, so even the acknowledgement is ephemeral.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":5,"data":{"flags":64}}"""), JsonNode.Parse(callback.Body)), callback.Body);
        var edits = fake.Edits.ToArray();
        Assert.Equal([429, 200], edits.Select(e => e.Status));
        Assert.All(edits, e => Assert.Equal(("123456789012345678", "t0k3n"), (e.ApplicationId, e.Token)));
        Assert.True(edits[0].At > callback.At, "the edit comes after the deferral");
        Assert.True(edits[1].At - edits[0].At >= TimeSpan.FromMilliseconds(40), "waited retry_after (50 ms)");
        Assert.Equal(1, store.Reports);

        var message = JsonNode.Parse(edits[1].Body)!.AsObject();
        Assert.Contains("42", (string?)message["embeds"]![0]!["title"], StringComparison.Ordinal);
        Assert.Equal("[]", message["allowed_mentions"]!["parse"]!.ToJsonString());
        Assert.False(message.ContainsKey("flags"), "an edit cannot change the deferred response's visibility");
        Assert.False(message.ContainsKey("type"), "an edit carries the message, not an interaction response");
        Assert.True(bot.Logged(2116), "the deferral is logged");
        Assert.True(bot.Logged(6000), "the 429 on the edit is logged");
        Assert.Equal(1, metrics.Count(GatewayMetrics.InteractionDurationName, ("deferred", true)));
        // At least the 100 ms deferral threshold, less the timer's granularity: the deferral timer may fire a moment
        // before the duration's stopwatch reads 100 ms (99.46 ms was seen in CI).
        Assert.InRange(metrics.Values(GatewayMetrics.InteractionDurationName)[0], 90, 3000);
        Assert.Equal(0, metrics.Count(GatewayMetrics.InteractionOverheadName));
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains("t0k3n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_log_line_at_any_level_carries_the_interaction_token_through_a_retried_callback_and_a_retried_edit()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.CallbackServerErrors = 1;
        fake.EditRateLimits = 1;
        var timings = new GatewayTimings
        {
            IdentifyWindow = TimeSpan.FromMilliseconds(50),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
            DeferAfter = TimeSpan.FromMilliseconds(100),
        };
        var store = new SlowFeedbackStore(TimeSpan.FromMilliseconds(400));
        await using var bot = await GatewayBotHost.StartAsync(fake, timings, services: s => s.AddSingleton<IFeedbackStore>(store), minimumLevel: LogLevel.Trace);
        var connection = await fake.NextReadySessionAsync();
        var token = "aW50ZXJhY3Rpb246" + Guid.NewGuid().ToString("N"); // an interaction token: whoever holds it may answer for the bot

        await connection.DispatchAsync("INTERACTION_CREATE", 2, Payloads.Command("report", """[{"name":"text","type":3,"value":"The date is wrong"}]""")
            .Replace("\"token\":\"t0k3n\"", $"\"token\":\"{token}\"", StringComparison.Ordinal));
        await GatewayBotHost.EventuallyAsync(() => fake.Edits.Count >= 2, "the deferred answer edited in after a 429");

        Assert.Contains(fake.Callbacks, c => c.Token == token && c.Status == 204);
        Assert.True(bot.Logged(6000), "the retries are logged");
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains(token, StringComparison.Ordinal) || e.Exception?.ToString().Contains(token, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains("/webhooks/", StringComparison.Ordinal) || e.Message.Contains("/callback", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fast_answer_is_not_deferred()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var store = new SlowFeedbackStore(TimeSpan.Zero);
        await using var bot = await GatewayBotHost.StartAsync(fake, services: s => s.AddSingleton<IFeedbackStore>(store));
        var connection = await fake.NextReadySessionAsync();

        await connection.DispatchAsync("INTERACTION_CREATE", 2, Payloads.Command("report", """[{"name":"text","type":3,"value":"The date is wrong"}]"""));
        await GatewayBotHost.EventuallyAsync(() => !fake.Callbacks.IsEmpty, "the callback");

        var body = JsonNode.Parse(Assert.Single(fake.Callbacks).Body)!;
        Assert.Equal(4, (int)body["type"]!);
        Assert.Equal(64, (int)body["data"]!["flags"]!);
        Assert.Empty(fake.Edits);
        Assert.False(bot.Logged(2116));
    }

    [Fact]
    public async Task A_callback_answered_with_a_server_error_is_sent_again_and_the_interaction_is_answered()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.CallbackServerErrors = 1;
        await using var bot = await GatewayBotHost.StartAsync(fake);
        var connection = await fake.NextReadySessionAsync();

        await connection.DispatchAsync("INTERACTION_CREATE", 2, Payloads.Command("who", """[{"name":"name","type":3,"value":"ana-prueba"}]"""));
        await GatewayBotHost.EventuallyAsync(() => fake.Callbacks.Count >= 2, "the callback sent again after the 503");

        var callbacks = fake.Callbacks.ToArray();
        Assert.Equal([503, 204], callbacks.Select(c => c.Status));
        Assert.Equal(callbacks[0].Body, callbacks[1].Body);
        Assert.True(bot.Logged(6000), "the retry is logged");
    }

    [Fact]
    public async Task Stopping_the_host_waits_for_the_answer_to_an_interaction_already_received()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var store = new SlowFeedbackStore(TimeSpan.FromMilliseconds(600));
        await using var bot = await GatewayBotHost.StartAsync(fake, services: s => s.AddSingleton<IFeedbackStore>(store));
        var connection = await fake.NextReadySessionAsync();

        await connection.DispatchAsync("INTERACTION_CREATE", 2, Payloads.Command("report", """[{"name":"text","type":3,"value":"The date is wrong"}]"""));
        await store.Started.Task.WaitAsync(FakeDiscord.Wait); // the answer is being worked on
        await bot.StopAsync(TimeSpan.FromSeconds(20));        // SIGTERM

        var callback = Assert.Single(fake.Callbacks);          // answered before the host finished stopping
        Assert.Equal(204, callback.Status);
        Assert.Equal(1, store.Reports);
        Assert.True(bot.Logged(2121), "the wait is logged");
    }

    /// <summary>A feedback store whose writes take <paramref name="delay"/> (a slow database).</summary>
    private sealed class SlowFeedbackStore(TimeSpan delay) : IFeedbackStore
    {
        private int _reports;

        public int Reports => Volatile.Read(ref _reports);

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<long> AddReportAsync(string text, string? about, string platform, CancellationToken ct)
        {
            Started.TrySetResult();
            await Task.Delay(delay, ct);
            Interlocked.Increment(ref _reports);
            return 42;
        }

        public Task<IReadOnlyList<CommunityReport>> OpenReportsAsync(int limit, CancellationToken ct) => Task.FromResult<IReadOnlyList<CommunityReport>>([]);

        public Task<bool> ResolveReportAsync(long id, string? note, CancellationToken ct) => Task.FromResult(false);

        public Task RecordUnansweredAsync(string question, CancellationToken ct) => Task.CompletedTask;

        public Task<IReadOnlyList<UnansweredQuestion>> TopUnansweredAsync(int limit, CancellationToken ct) => Task.FromResult<IReadOnlyList<UnansweredQuestion>>([]);
    }
}

/// <summary>
/// Listens to the <c>Bot.Discord.Gateway</c> meter of one host (its <see cref="IMeterFactory"/>), so tests running
/// side by side do not see each other's measurements.
/// </summary>
internal sealed class GatewayMeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();
    private readonly Lock _gaugeLock = new();

    public GatewayMeterRecorder(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GatewayMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public double Sum(string instrument, params (string Key, object Value)[] tags) => Matching(instrument, tags).Sum();

    public int Count(string instrument, params (string Key, object Value)[] tags) => Matching(instrument, tags).Count();

    public double[] Values(string instrument) => [.. Matching(instrument, [])];

    /// <summary>The current value of an observable instrument.</summary>
    public double Gauge(string instrument)
    {
        lock (_gaugeLock)
        {
            var before = _measurements.Count(m => m.Instrument == instrument);
            _listener.RecordObservableInstruments();
            return _measurements.Where(m => m.Instrument == instrument).Skip(before).Select(m => m.Value).Sum();
        }
    }

    public void Dispose() => _listener.Dispose();

    private IEnumerable<double> Matching(string instrument, (string Key, object Value)[] tags) =>
        _measurements
            .Where(m => m.Instrument == instrument && tags.All(t => m.Tags.Any(tag => tag.Key == t.Key && Equals(tag.Value, t.Value))))
            .Select(m => m.Value);

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue((instrument.Name, value, tags.ToArray()));
}
