using System.Diagnostics;
using System.Text.Json;
using Bot.Core.Facts;
using Bot.Core.Querying;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Slack.Tests;

public sealed class SocketModeTests
{
    private static IHost BotHost(FakeSlackSocketServer slack, string appToken = FakeSlackSocketServer.AppToken, LogEntries? logs = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:AppToken"] = appToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
            ["Slack:AllowedResponseHosts:0"] = "127.0.0.1",
            ["Slack:ReconnectMinDelay"] = "00:00:00.050",
            ["Slack:ReconnectMaxDelay"] = "00:00:00.200",
        });
        builder.Services.AddSingleton<IFactStore>(new FixedFactStore(TestFacts.Real));
        builder.Services.AddSingleton<QueryEngine>();
        builder.Services.AddSlackAdapter(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task A_slash_command_envelope_is_acknowledged_with_its_answer_after_hello()
    {
        await using var slack = await FakeSlackSocketServer.StartAsync();
        using var host = BotHost(slack);
        await host.StartAsync();

        var connection = await slack.NextConnectionAsync();
        await connection.SendAsync("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"approximate_connection_time\":18060}}");
        await connection.SendAsync(SocketModePayloads.Envelope("env-1", "slash_commands", SocketModePayloads.SlashCommand("/who", "betssy chavez")));
        using var ack = JsonDocument.Parse((await connection.ReceiveAsync())!);

        Assert.Equal("env-1", ack.RootElement.GetProperty("envelope_id").GetString());
        var payload = ack.RootElement.GetProperty("payload");
        Assert.Equal("in_channel", payload.GetProperty("response_type").GetString());
        Assert.Contains("Betssy", payload.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Empty(BlockKitLimits.Check(payload.GetRawText()));

        connection.Release();
        await host.StopAsync();
    }

    [Fact]
    public async Task Envelopes_the_bot_does_not_answer_are_still_acknowledged()
    {
        await using var slack = await FakeSlackSocketServer.StartAsync();
        using var host = BotHost(slack);
        await host.StartAsync();

        var connection = await slack.NextConnectionAsync();
        await connection.SendAsync("{\"type\":\"hello\"}");
        await connection.SendAsync(SocketModePayloads.Envelope("env-ev", "events_api", new { type = "event_callback" }));
        using var ack = JsonDocument.Parse((await connection.ReceiveAsync())!);

        Assert.Equal("{\"envelope_id\":\"env-ev\"}", ack.RootElement.GetRawText());
        connection.Release();
        await host.StopAsync();
    }

    [Fact]
    public async Task A_button_press_envelope_is_acknowledged_first_then_the_page_goes_to_the_response_url()
    {
        await using var slack = await FakeSlackSocketServer.StartAsync();
        using var host = BotHost(slack);
        await host.StartAsync();
        var hook = new Uri(slack.BaseAddress, "/hooks/T1/2/y");
        using var press = JsonDocument.Parse(SlackHttpEndpointTests.BlockActions("t|2", "page:next:en", hook, DateTimeOffset.UtcNow));

        var connection = await slack.NextConnectionAsync();
        await connection.SendAsync("{\"type\":\"hello\"}");
        await connection.SendAsync(SocketModePayloads.Envelope("env-2", "interactive", press.RootElement));
        using var ack = JsonDocument.Parse((await connection.ReceiveAsync())!);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var posted = JsonDocument.Parse(await slack.ResponseUrlPosts.Reader.ReadAsync(timeout.Token));

        Assert.Equal("env-2", ack.RootElement.GetProperty("envelope_id").GetString());
        Assert.False(ack.RootElement.TryGetProperty("payload", out _));
        Assert.True(posted.RootElement.GetProperty("replace_original").GetBoolean());
        Assert.Contains(BlockKitLimits.Texts(posted.RootElement.GetRawText()), t => t.StartsWith("Page 2 of", StringComparison.Ordinal));
        connection.Release();
        await host.StopAsync();
    }

    [Fact]
    public async Task An_envelope_holding_a_lone_surrogate_is_acknowledged_unread_and_the_connection_keeps_answering()
    {
        var logs = new LogEntries();
        await using var slack = await FakeSlackSocketServer.StartAsync();
        using var host = BotHost(slack, logs: logs);
        await host.StartAsync();
        var hook = new Uri(slack.BaseAddress, "/hooks/T1/2/y");
        var press = SlackHttpEndpointTests.BlockActions("t|2", "page:next:en", hook, DateTimeOffset.UtcNow).Replace("\"id\":\"T1\"", "\"id\":\"T1\\ud800\"", StringComparison.Ordinal);
        var connection = await slack.NextConnectionAsync();
        await connection.SendAsync("{\"type\":\"hello\"}");

        await connection.SendAsync("{\"envelope_id\":\"env-\\ud800\",\"type\":\"interactive\",\"accepts_response_payload\":false,\"payload\":" + press + "}");
        var ack = await connection.ReceiveAsync();
        await connection.SendAsync(SocketModePayloads.Envelope("env-next", "slash_commands", SocketModePayloads.SlashCommand("/who", "betssy chavez")));
        using var next = JsonDocument.Parse((await connection.ReceiveAsync())!);

        Assert.Equal("{\"envelope_id\":\"env-\\ud800\"}", ack);
        Assert.Equal("env-next", next.RootElement.GetProperty("envelope_id").GetString());
        Assert.Contains("Betssy", next.RootElement.GetProperty("payload").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(1, slack.Opens); // the same connection: no reconnect
        Assert.False(slack.ResponseUrlPosts.Reader.TryRead(out _));
        Assert.Contains(logs.Entries, e => e.Event.Id == 3024 && e.Level <= LogLevel.Information);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        connection.Release();
        await host.StopAsync();
    }

    [Fact]
    public async Task A_slash_command_is_acknowledged_within_a_second_while_a_button_press_waits_on_a_response_url_that_hangs()
    {
        await using var slack = await FakeSlackSocketServer.StartAsync();
        using var host = BotHost(slack);
        await host.StartAsync();
        var hung = new Uri(slack.BaseAddress, "/hang/T1/2/y");
        using var press = JsonDocument.Parse(SlackHttpEndpointTests.BlockActions("t|2", "page:next:en", hung, DateTimeOffset.UtcNow));
        var connection = await slack.NextConnectionAsync();
        await connection.SendAsync("{\"type\":\"hello\"}");
        await connection.SendAsync(SocketModePayloads.Envelope("env-press", "interactive", press.RootElement));
        using var pressAck = JsonDocument.Parse((await connection.ReceiveAsync())!);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await slack.HungPosts.Reader.ReadAsync(timeout.Token); // the page is now stuck on its way to the response_url

        var sent = Stopwatch.StartNew();
        await connection.SendAsync(SocketModePayloads.Envelope("env-command", "slash_commands", SocketModePayloads.SlashCommand("/who", "betssy chavez")));
        using var commandAck = JsonDocument.Parse((await connection.ReceiveAsync())!);
        var waited = sent.Elapsed;

        Assert.Equal("env-press", pressAck.RootElement.GetProperty("envelope_id").GetString());
        Assert.Equal("env-command", commandAck.RootElement.GetProperty("envelope_id").GetString());
        Assert.Contains("Betssy", commandAck.RootElement.GetProperty("payload").GetRawText(), StringComparison.Ordinal);
        Assert.True(waited < TimeSpan.FromSeconds(1), $"the slash command was acknowledged after {waited.TotalMilliseconds:0} ms");
        slack.ReleaseHungPosts();
        connection.Release();
        await host.StopAsync();
    }

    [Fact]
    public async Task Stopping_waits_for_a_page_still_on_its_way_to_the_response_url()
    {
        await using var slack = await FakeSlackSocketServer.StartAsync();
        using var host = BotHost(slack);
        await host.StartAsync();
        var hung = new Uri(slack.BaseAddress, "/hang/T1/2/y");
        using var press = JsonDocument.Parse(SlackHttpEndpointTests.BlockActions("t|2", "page:next:en", hung, DateTimeOffset.UtcNow));
        var connection = await slack.NextConnectionAsync();
        await connection.SendAsync("{\"type\":\"hello\"}");
        await connection.SendAsync(SocketModePayloads.Envelope("env-press", "interactive", press.RootElement));
        await connection.ReceiveAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var page = await slack.HungPosts.Reader.ReadAsync(timeout.Token);

        var stopping = host.StopAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var stoppedEarly = stopping.IsCompleted;
        slack.ReleaseHungPosts();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(stoppedEarly, "the host stopped while the page was still being posted");
        Assert.Contains("Page 2 of", page, StringComparison.Ordinal);
        connection.Release();
    }

    [Theory]
    [InlineData("refresh_requested")]
    [InlineData("warning")]
    public async Task A_disconnect_request_makes_the_bot_open_a_fresh_connection_at_once(string reason)
    {
        await using var slack = await FakeSlackSocketServer.StartAsync();
        using var host = BotHost(slack);
        await host.StartAsync();

        var first = await slack.NextConnectionAsync();
        await first.SendAsync("{\"type\":\"hello\"}");
        await first.SendAsync($"{{\"type\":\"disconnect\",\"reason\":\"{reason}\",\"debug_info\":{{\"host\":\"x\"}}}}");
        var second = await slack.NextConnectionAsync();
        first.Release();

        await second.SendAsync("{\"type\":\"hello\"}");
        await second.SendAsync(SocketModePayloads.Envelope("env-3", "slash_commands", SocketModePayloads.SlashCommand("/sources", "")));
        using var ack = JsonDocument.Parse((await second.ReceiveAsync())!);

        Assert.Equal(2, slack.Opens);
        Assert.Equal("env-3", ack.RootElement.GetProperty("envelope_id").GetString());
        second.Release();
        await host.StopAsync();
    }

    [Fact]
    public async Task An_abrupt_drop_is_followed_by_a_reconnection_after_a_short_backoff()
    {
        await using var slack = await FakeSlackSocketServer.StartAsync();
        using var host = BotHost(slack);
        await host.StartAsync();

        var first = await slack.NextConnectionAsync();
        await first.SendAsync("{\"type\":\"hello\"}");
        first.Drop();
        var second = await slack.NextConnectionAsync();
        await second.SendAsync("{\"type\":\"hello\"}");
        await second.SendAsync(SocketModePayloads.Envelope("env-4", "slash_commands", SocketModePayloads.SlashCommand("/help", "")));
        using var ack = JsonDocument.Parse((await second.ReceiveAsync())!);

        Assert.Equal("env-4", ack.RootElement.GetProperty("envelope_id").GetString());
        Assert.Equal(2, slack.Opens);
        second.Release();
        await host.StopAsync();
    }

    [Fact]
    public async Task A_failing_connections_open_is_retried_with_backoff()
    {
        await using var slack = await FakeSlackSocketServer.StartAsync();
        slack.OpenResponse = "{\"ok\":false,\"error\":\"internal_error\"}";
        using var host = BotHost(slack);
        await host.StartAsync();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (slack.Opens < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        slack.OpenResponse = null;
        var connection = await slack.NextConnectionAsync();

        Assert.True(slack.Opens >= 3);
        connection.Release();
        await host.StopAsync();
    }

    [Fact]
    public async Task Link_disabled_stops_the_application()
    {
        await using var slack = await FakeSlackSocketServer.StartAsync();
        using var host = BotHost(slack);
        await host.StartAsync();
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        var connection = await slack.NextConnectionAsync();
        await connection.SendAsync("{\"type\":\"disconnect\",\"reason\":\"link_disabled\"}");
        await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(stopping.IsCancellationRequested);
        connection.Release();
        await host.StopAsync();
    }

    [Fact]
    public async Task A_refused_app_token_stops_the_application()
    {
        await using var slack = await FakeSlackSocketServer.StartAsync();
        using var host = BotHost(slack, appToken: "xapp-1-revoked");
        await host.StartAsync();
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(stopping.IsCancellationRequested);
        Assert.Equal(1, slack.Opens);
        await host.StopAsync();
    }

    [Fact]
    public void Backoff_doubles_per_failure_within_the_cap_with_jitter()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new SlackOptions
        {
            AppToken = "xapp-x",
            ReconnectMinDelay = TimeSpan.FromSeconds(1),
            ReconnectMaxDelay = TimeSpan.FromSeconds(30),
        });
        var worker = new SocketMode.SocketModeWorker(options, null!, null!, null!, null!, TimeProvider.System, null!, null!);

        for (var failures = 1; failures <= 12; failures++)
        {
            var ceiling = Math.Min(30, Math.Pow(2, failures - 1));
            var delay = worker.Backoff(failures).TotalSeconds;
            Assert.InRange(delay, ceiling / 2, ceiling);
        }
    }
}
