using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Slack.Tests;

/// <summary>Posting a page to a response_url when Slack answers 429 or 5xx: bounded retries, Retry-After honoured.</summary>
public sealed class SlackResponderRetryTests
{
    [Fact]
    public async Task A_503_then_a_200_delivers_the_page_on_the_second_attempt()
    {
        await using var hook = await ScriptedHook.StartAsync(503, 200);
        await using var app = await SlackTestApp.StartAsync();

        var posted = await Responder(app).PostAsync(hook.Url, "{\"text\":\"page 2\"}", DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.True(posted);
        Assert.Equal(["{\"text\":\"page 2\"}", "{\"text\":\"page 2\"}"], hook.Bodies);
    }

    [Fact]
    public async Task A_429_is_waited_out_for_as_long_as_retry_after_says()
    {
        await using var hook = await ScriptedHook.StartAsync((429, "1"), (200, null));
        await using var app = await SlackTestApp.StartAsync();

        var posted = await Responder(app).PostAsync(hook.Url, "{}", DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.True(posted);
        Assert.Equal(2, hook.Arrivals.Count);
        Assert.True(hook.Arrivals[1] - hook.Arrivals[0] >= TimeSpan.FromMilliseconds(900), $"retried after {hook.Arrivals[1] - hook.Arrivals[0]}");
    }

    [Fact]
    public async Task A_server_that_keeps_failing_gets_a_bounded_number_of_attempts()
    {
        await using var hook = await ScriptedHook.StartAsync(500, 500, 500, 500, 500);
        await using var app = await SlackTestApp.StartAsync();

        var posted = await Responder(app).PostAsync(hook.Url, "{}", DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.False(posted);
        Assert.Equal(SlackResponder.Policy.MaxAttempts, hook.Bodies.Count);
    }

    [Fact]
    public async Task A_retry_after_longer_than_a_button_press_can_wait_is_not_waited_out()
    {
        await using var hook = await ScriptedHook.StartAsync((429, "600"), (200, null));
        await using var app = await SlackTestApp.StartAsync();

        var posted = await Responder(app).PostAsync(hook.Url, "{}", DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.False(posted);
        Assert.Single(hook.Bodies);
    }

    [Fact]
    public async Task A_refusal_that_a_retry_cannot_cure_is_not_retried()
    {
        await using var hook = await ScriptedHook.StartAsync(404, 200);
        await using var app = await SlackTestApp.StartAsync();

        var posted = await Responder(app).PostAsync(hook.Url, "{}", DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.False(posted);
        Assert.Single(hook.Bodies);
    }

    private static SlackResponder Responder(SlackTestApp app) => app.App.Services.GetRequiredService<SlackResponder>();

    /// <summary>A local response_url answering each POST with the next scripted status (and Retry-After).</summary>
    private sealed class ScriptedHook : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private ScriptedHook(WebApplication app) => _app = app;

        public Uri Url => new(new Uri(_app.Urls.First()), "/hooks/T1/1/secret");

        public ConcurrentQueue<string> BodiesQueue { get; } = new();

        public List<string> Bodies => [.. BodiesQueue];

        public List<DateTimeOffset> Arrivals { get; } = [];

        public static Task<ScriptedHook> StartAsync(params int[] statuses) =>
            StartAsync([.. statuses.Select(s => (s, (string?)null))]);

        public static async Task<ScriptedHook> StartAsync(params (int Status, string? RetryAfter)[] script)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var hook = new ScriptedHook(app);
            app.MapPost("/hooks/{**rest}", async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync();
                int index;
                lock (hook.Arrivals)
                {
                    hook.Arrivals.Add(DateTimeOffset.UtcNow);
                    hook.BodiesQueue.Enqueue(body);
                    index = hook.BodiesQueue.Count - 1;
                }

                var (status, retryAfter) = script[Math.Min(index, script.Length - 1)];
                if (retryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = retryAfter;
                }

                context.Response.StatusCode = status;
            });
            await app.StartAsync();
            return hook;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
