using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Core.Facts;
using Bot.Core.Querying;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Discord.Tests.Support;

/// <summary>
/// A minimal real host on 127.0.0.1 (Kestrel, random port) with the Discord adapter over a fixed fact store and a
/// fixed clock, and a client that signs requests with a key pair made for the test.
/// </summary>
internal sealed class DiscordTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2025, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private DiscordTestHost(WebApplication app, TestKeys keys, LogSink logs)
    {
        _app = app;
        Keys = keys;
        Logs = logs;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public TestKeys Keys { get; }

    public LogSink Logs { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<DiscordTestHost> StartAsync(IFactStore store, IDictionary<string, string?>? settings = null, TestKeys? keys = null, Action<IServiceCollection>? configure = null)
    {
        keys ??= new TestKeys();
        var logs = new LogSink();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:PublicKey"] = keys.PublicKeyHex });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(logs);
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<QueryEngine>();
        configure?.Invoke(builder.Services);
        builder.Services.AddDiscordAdapter(builder.Configuration);
        var app = builder.Build();
        app.MapDiscordInteractions();
        await app.StartAsync();
        return new DiscordTestHost(app, keys, logs);
    }

    /// <summary>POSTs <paramref name="body"/> signed with the test key at <paramref name="at"/> (default: now).</summary>
    public Task<HttpResponseMessage> PostSignedAsync(string body, DateTimeOffset? at = null, string? signedBody = null)
    {
        var timestamp = TestKeys.Timestamp(at ?? Now);
        return PostAsync(body, Keys.Sign(timestamp, signedBody ?? body), timestamp);
    }

    public Task<HttpResponseMessage> PostAsync(string body, string? signature, string? timestamp)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.Add("X-Signature-Ed25519", signature);
        }

        if (timestamp is not null)
        {
            request.Headers.Add("X-Signature-Timestamp", timestamp);
        }

        return Client.SendAsync(request);
    }

    /// <summary>Sends a signed interaction and returns the parsed 200 response.</summary>
    public async Task<JsonObject> InteractAsync(string body)
    {
        using var response = await PostSignedAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Collects log entries so tests can check what was (and was not) logged.</summary>
internal sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, EventId Event, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Entries.Enqueue((logLevel, eventId, formatter(state, exception), exception));
    }
}

/// <summary>Interaction payloads shaped like the examples on Discord's documentation pages.</summary>
internal static class Payloads
{
    private static long LastId = 1_300_000_000_000_000_000;

    /// <summary>A fresh interaction id: Discord never sends the same one twice (a repeated id is refused as a replay).</summary>
    public static string NewId() => Interlocked.Increment(ref LastId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Ping => $$"""{"type":1,"id":"{{NewId()}}","application_id":"123456789012345678","version":1}""";

    public static string Command(string name, string optionsJson = "[]", string locale = "en-US", string? id = null) => $$$"""
        {"type":2,"id":"{{{id ?? NewId()}}}","application_id":"123456789012345678","token":"t0k3n","version":1,
         "guild_id":"290926798626357999","channel_id":"645027906669510667","locale":"{{{locale}}}","guild_locale":"en-US",
         "member":{"user":{"id":"53908232506183680","username":"tester"}},
         "data":{"id":"771825006014889984","name":"{{{name}}}","type":1,"options":{{{optionsJson}}}}}
        """;

    public static string Autocomplete(string name, string option, string typed, string locale = "en-US") => $$$"""
        {"type":4,"id":"{{{NewId()}}}","application_id":"123456789012345678","token":"t0k3n","version":1,"locale":"{{{locale}}}",
         "data":{"id":"771825006014889984","name":"{{{name}}}","type":1,"options":[{"type":3,"name":"{{{option}}}","value":"{{{typed}}}","focused":true}]}}
        """;

    public static string Button(string customId, string locale = "en-US") => $$$"""
        {"type":3,"id":"{{{NewId()}}}","application_id":"123456789012345678","token":"t0k3n","version":1,"locale":"{{{locale}}}",
         "message":{"id":"4444444444444444444"},
         "data":{"custom_id":"{{{customId}}}","component_type":2}}
        """;
}
