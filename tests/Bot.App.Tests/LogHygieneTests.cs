using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Bot.App.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Bot.App.Tests;

/// <summary>
/// A run of the whole host with every secret configured and every log level on, driven with good, forged, stale,
/// malformed and oversized requests whose bodies carry a marker: neither a secret nor any part of a body reaches the logs.
/// </summary>
public sealed class LogHygieneTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-log-hygiene-");
    private readonly string _signingSecret = "slack-signing-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly string _slackBotToken = "xoxb-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly string _discordBotToken = "discord-token-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly string _databasePassword = "db-password-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private readonly string _marker = "BODYMARKER" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private readonly string _responseUrlToken = "HOOKTOKEN" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    [Fact]
    public async Task No_secret_and_no_request_body_appears_in_any_log_line_of_a_busy_run()
    {
        var sink = new CapturingLoggerProvider();
        await using var hook = await FlakyResponseUrl.StartAsync();
        var responseUrl = new Uri(hook.BaseAddress, $"/commands/T1/1/{_responseUrlToken}"); // its path works as a credential
        await using (var host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Facts:Path", Repo.Facts);
            builder.UseSetting("Facts:Watch", "false");
            builder.UseSetting("Storage:DataPath", _data.FullName);
            builder.UseSetting("Storage:ConnectionString", $"Host=127.0.0.1;Username=bot;Password={_databasePassword}");
            builder.UseSetting("Slack:SigningSecret", _signingSecret);
            builder.UseSetting("Slack:BotToken", _slackBotToken);
            builder.UseSetting("Slack:AllowedResponseHosts:0", "127.0.0.1");
            builder.UseSetting("Discord:Mode", "http");
            builder.UseSetting("Discord:PublicKey", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
            builder.UseSetting("Discord:BotToken", _discordBotToken);
            builder.UseSetting("Discord:ApplicationId", "123456789012345678");
            builder.UseSetting("RateLimits:PerUser:Permits", "3");
            builder.UseSetting("Logging:LogLevel:Default", "Trace");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
            builder.ConfigureLogging(logging => logging.AddProvider(sink).SetMinimumLevel(LogLevel.Trace));
        }))
        {
            using var client = host.CreateClient();
            for (var i = 0; i < 5; i++) // the last two are rate limited
            {
                Assert.Equal(HttpStatusCode.OK, (await SlackAsync(client, $"command=%2Fask&text={_marker}+who+is+the+ambassador&user_id=U1&channel_id=C1")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.OK, (await SlackAsync(client, $"command=%2Fwho&text={_marker}&user_id=U2&channel_id=C1")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SlackAsync(client, $"command=%2Freport&text={_marker}+is+missing&user_id=U3&channel_id=C1")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await SlackAsync(client, $"command=%2Fwho&text={_marker}", signature: "v0=" + new string('a', 64))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await SlackAsync(client, $"command=%2Fwho&text={_marker}", at: DateTimeOffset.UtcNow.AddHours(-1))).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await SlackAsync(client, $"{_marker}=1")).StatusCode);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await SlackAsync(client, "text=" + string.Concat(Enumerable.Repeat(_marker, 40_000)))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await DiscordAsync(client, $"{{\"type\":2,\"data\":{{\"name\":\"who\",\"options\":[{{\"name\":\"name\",\"value\":\"{_marker}\"}}]}}}}")).StatusCode);
            // Two button presses whose page goes to the response_url: the first post is answered 503 and sent again.
            var next = (await SignedSlack.CommandAsync(client, _signingSecret, "U4", "/timeline", "")).GetProperty("blocks").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() == "actions")
                .SelectMany(b => b.GetProperty("elements").EnumerateArray())
                .Single(e => e.GetProperty("action_id").GetString() == "page:next:en").GetProperty("value").GetString()!;
            await SignedSlack.PressAsync(client, _signingSecret, "U4", next, responseUrl);
            await SignedSlack.PressAsync(client, _signingSecret, "U4", next, new Uri("https://elsewhere.invalid/hooks/" + _responseUrlToken));
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                await hook.Delivered.Task.WaitAsync(timeout.Token);
            }

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        }

        var lines = sink.Lines.ToList();
        Assert.True(lines.Count > 20, $"only {lines.Count} log lines were captured");
        Assert.Contains(lines, l => l.Contains("Chat adapters: Discord on (HTTP interactions); Slack on (HTTP)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Slack request rejected", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Slack.ResponseUrl: HTTP 503; trying again", StringComparison.Ordinal)); // the post was logged about
        foreach (var secret in new[] { _signingSecret, _slackBotToken, _discordBotToken, _databasePassword, _marker, _responseUrlToken, "/commands/T1/1/" })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    public void Dispose() => _data.Delete(recursive: true);

    /// <summary>A local response_url that answers its first POST with 503 and the next with 200.</summary>
    private sealed class FlakyResponseUrl : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _posts;

        private FlakyResponseUrl(WebApplication app) => _app = app;

        public Uri BaseAddress => new(_app.Urls.First());

        public TaskCompletionSource Delivered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static async Task<FlakyResponseUrl> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var hook = new FlakyResponseUrl(app);
            app.MapPost("/commands/{**rest}", () =>
            {
                if (Interlocked.Increment(ref hook._posts) == 1)
                {
                    return Results.StatusCode(503);
                }

                hook.Delivered.TrySetResult();
                return Results.Ok();
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

    private Task<HttpResponseMessage> SlackAsync(HttpClient client, string body, DateTimeOffset? at = null, string? signature = null) =>
        SignedSlack.PostAsync(client, _signingSecret, "team_id=T1&" + body, at, signature);

    private static async Task<HttpResponseMessage> DiscordAsync(HttpClient client, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/discord/interactions", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Signature-Ed25519", new string('0', 128));
        request.Headers.Add("X-Signature-Timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return await client.SendAsync(request);
    }

    /// <summary>Every log entry as one line: category, message, structured state, scopes and exception.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = new StringBuilder().Append(category).Append(' ').Append(formatter(state, exception));
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var (key, value) in values)
                    {
                        line.Append(' ').Append(key).Append('=').Append(value);
                    }
                }

                provider._scopes.ForEachScope((scope, text) => text.Append(" scope=").Append(scope), line);
                line.Append(' ').Append(exception);
                provider.Lines.Enqueue(line.ToString());
            }
        }
    }
}
