using System.Collections.Concurrent;
using System.Text.Json;
using Bot.Core.Facts;
using Bot.Core.Querying;
using Bot.Slack.SocketMode;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Slack.Tests;

/// <summary>
/// Slack outages: the connection drops, Slack refuses new ones for a while (apps.connections.open fails, then the
/// WebSocket handshake is refused), then comes back. Outages are counted in refusals, not in time, and the backoff is
/// read from the worker's own log line (the delay it asked for), so nothing here depends on how fast the machine is.
/// </summary>
public sealed class SocketModeOutageTests
{
    // Generous: CI runs several test assemblies at once on two cores.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(200);

    private const int SocketDropped = 3012;

    [Fact]
    public async Task While_slack_refuses_connections_the_worker_backs_off_longer_each_time_up_to_the_cap_and_answers_after_recovery()
    {
        await using var slack = await FakeSlackSocketServer.StartAsync();
        var logs = new LogCapture();
        using var host = BotHost(slack, logs);
        await host.StartAsync();

        var first = await slack.NextConnectionAsync(Wait);
        await first.SendAsync(Hello);
        await first.SendAsync(SocketModePayloads.Envelope("env-before", "slash_commands", SocketModePayloads.SlashCommand("/who", "betssy chavez")));
        Assert.Equal("env-before", EnvelopeId(await first.ReceiveAsync()));

        // The outage: two failed apps.connections.open calls, then three refused WebSocket handshakes.
        slack.FailNextOpens = 2;
        slack.RefuseNextSockets = 3;
        first.Drop();
        var second = await slack.NextConnectionAsync(Wait);
        await second.SendAsync(Hello);
        await second.SendAsync(SocketModePayloads.Envelope("env-after", "slash_commands", SocketModePayloads.SlashCommand("/who", "betssy chavez")));
        using var ack = JsonDocument.Parse((await second.ReceiveAsync())!);

        Assert.Equal("env-after", ack.RootElement.GetProperty("envelope_id").GetString());
        Assert.Contains("Betssy", ack.RootElement.GetProperty("payload").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(3, slack.RefusedSockets);
        Assert.Equal(1 + 2 + 3 + 1, slack.Opens);

        // One reconnect per failure: the drop, two failed opens, three refused handshakes.
        var retries = logs.Retries();
        Assert.Equal([1, 2, 3, 4, 5, 6], retries.Select(r => r.Attempt));
        foreach (var (delay, attempt) in retries)
        {
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, MinDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
            Assert.InRange(delay.TotalMilliseconds, Math.Max(MinDelay.TotalMilliseconds / 2, ceiling / 2), ceiling);
        }

        // Until the cap each band starts where the previous one ends, so the delays never shrink.
        var uncapped = retries.Take(3).Select(r => r.Delay).ToArray();
        Assert.Equal(uncapped.Order(), uncapped);
        Assert.All(retries, r => Assert.True(r.Delay <= MaxDelay, $"{r.Delay} is over the cap"));

        // Hello on the new connection resets the backoff: the next drop starts again from the shortest delay.
        second.Drop();
        var third = await slack.NextConnectionAsync(Wait);
        Assert.Equal(1, logs.Retries()[^1].Attempt);
        third.Release();
        await host.StopAsync();
    }

    [Fact]
    public async Task Envelopes_acknowledged_before_a_drop_are_answered_once_and_not_again_after_reconnecting()
    {
        await using var slack = await FakeSlackSocketServer.StartAsync();
        using var host = BotHost(slack, new LogCapture());
        await host.StartAsync();
        var hook = new Uri(slack.BaseAddress, "/hooks/T1/2/y");
        using var press = JsonDocument.Parse(SlackHttpEndpointTests.BlockActions("t|2", "page:next:en", hook, DateTimeOffset.UtcNow));

        var first = await slack.NextConnectionAsync(Wait);
        await first.SendAsync(Hello);
        await first.SendAsync(SocketModePayloads.Envelope("env-command", "slash_commands", SocketModePayloads.SlashCommand("/who", "betssy chavez")));
        await first.SendAsync(SocketModePayloads.Envelope("env-button", "interactive", press.RootElement));
        // Envelopes are handled concurrently, so their acknowledgements may come in either order.
        Assert.Equal(new string?[] { "env-button", "env-command" }, new[] { EnvelopeId(await first.ReceiveAsync()), EnvelopeId(await first.ReceiveAsync()) }.Order());

        // Dropped right after the button's acknowledgement, while its page may still be on the way to response_url.
        slack.RefuseNextSockets = 2;
        first.Drop();
        var second = await slack.NextConnectionAsync(Wait);
        await second.SendAsync(Hello);
        await second.SendAsync(SocketModePayloads.Envelope("env-new-1", "slash_commands", SocketModePayloads.SlashCommand("/help", "")));
        await second.SendAsync(SocketModePayloads.Envelope("env-new-2", "events_api", new { type = "event_callback" }));

        // The new connection carries only the new envelopes' acknowledgements: nothing replayed.
        Assert.Equal(new string?[] { "env-new-1", "env-new-2" }, new[] { EnvelopeId(await second.ReceiveAsync()), EnvelopeId(await second.ReceiveAsync()) }.Order());
        using var timeout = new CancellationTokenSource(Wait);
        using var page = JsonDocument.Parse(await slack.ResponseUrlPosts.Reader.ReadAsync(timeout.Token));
        Assert.True(page.RootElement.GetProperty("replace_original").GetBoolean());

        second.Release();
        await host.StopAsync();
        Assert.False(slack.ResponseUrlPosts.Reader.TryRead(out _), "the button's page was posted more than once");
    }

    [Fact]
    public async Task A_connection_that_stops_answering_pings_is_abandoned_and_replaced()
    {
        await using var slack = await FakeSlackSocketServer.StartAsync();
        var logs = new LogCapture();
        var sockets = new ClientWebSocketFactory { KeepAliveInterval = TimeSpan.FromMilliseconds(100), KeepAliveTimeout = TimeSpan.FromMilliseconds(300) };
        using var host = BotHost(slack, logs, sockets);
        await host.StartAsync();

        // The fake reads nothing from this connection, so the bot's pings go unanswered, as on a half-open link
        // (a NAT or proxy that forgot the connection): no close, no reset, just silence.
        var silent = await slack.NextConnectionAsync(Wait);
        await silent.SendAsync(Hello);
        var next = await slack.NextConnectionAsync(Wait);
        await next.SendAsync(Hello);
        await next.SendAsync(SocketModePayloads.Envelope("env-after", "slash_commands", SocketModePayloads.SlashCommand("/help", "")));

        Assert.Equal("env-after", EnvelopeId(await next.ReceiveAsync()));
        Assert.NotEmpty(logs.Retries());
        silent.Release();
        next.Release();
        await host.StopAsync();
    }

    private const string Hello = "{\"type\":\"hello\",\"num_connections\":1}";

    private static IHost BotHost(FakeSlackSocketServer slack, LogCapture logs, ISlackSocketFactory? sockets = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(logs);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:AppToken"] = FakeSlackSocketServer.AppToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
            ["Slack:AllowedResponseHosts:0"] = "127.0.0.1",
            ["Slack:ReconnectMinDelay"] = MinDelay.ToString(),
            ["Slack:ReconnectMaxDelay"] = MaxDelay.ToString(),
        });
        builder.Services.AddSingleton<IFactStore>(new FixedFactStore(TestFacts.Real));
        builder.Services.AddSingleton<QueryEngine>();
        if (sockets is not null)
        {
            builder.Services.AddSingleton(sockets);
        }

        builder.Services.AddSlackAdapter(builder.Configuration);
        return builder.Build();
    }

    private static string? EnvelopeId(string? message)
    {
        Assert.NotNull(message);
        using var document = JsonDocument.Parse(message);
        return document.RootElement.GetProperty("envelope_id").GetString();
    }

    /// <summary>Keeps every log entry's event id and structured values.</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<(EventId Event, IReadOnlyList<KeyValuePair<string, object?>> Values)> _entries = new();

        /// <summary>The worker's "reconnecting in {Delay} (attempt {Attempt})" lines, oldest first.</summary>
        public IReadOnlyList<(TimeSpan Delay, int Attempt)> Retries() =>
        [
            .. _entries.Where(e => e.Event.Id == SocketDropped)
                .Select(e => ((TimeSpan)e.Values.Single(v => v.Key == "Delay").Value!, (int)e.Values.Single(v => v.Key == "Attempt").Value!)),
        ];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(LogCapture capture) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            // The values are copied now: a logger's state is only valid during the call (the telemetry generator reuses it).
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                capture._entries.Enqueue((eventId, state is IReadOnlyList<KeyValuePair<string, object?>> values ? [.. values] : []));
        }
    }
}
