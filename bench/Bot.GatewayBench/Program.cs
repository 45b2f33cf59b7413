// Gateway mode speed: INTERACTION_CREATE received → interaction callback sent, beyond the core's own time.
//
// Runs the real bot host in Gateway mode (generic host, ClientWebSocket, IHttpClientFactory, AddDiscordAdapter) against
// a fake Discord on 127.0.0.1 (Kestrel: GET /gateway/bot, the WebSocket Gateway, POST /interactions/{id}/{token}/callback).
// The fake sends /who slash commands one at a time (each after the previous callback arrived) and the bot's own
// metrics (meter Bot.Discord.Gateway) give, per interaction:
//   duration   frame received by the shard → callback accepted by the fake REST API
//   answer     the core's time (DiscordInteractionResponder.RespondAsync: map, QueryEngine, render)
//   overhead   duration − answer: what the Gateway path adds (parse, dispatch, serialize, HTTP POST round trip)
// plus, from the fake's side, "end to end": frame sent by the fake → callback request received by the fake.
//
//   dotnet run -c Release --project bench/Bot.GatewayBench --artifacts-path /tmp/art-gwbench -- [count=2000] [warmup=500]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Discord;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var warmup = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
var wait = TimeSpan.FromSeconds(10);

var report = new FactBaseLoader(TimeProvider.System).Load(BenchPaths.Facts());
var facts = report.Facts ?? throw new InvalidOperationException("The fact base has errors.");
var person = facts.People[0].Id;

// The fake Discord.
var fakeBuilder = WebApplication.CreateSlimBuilder();
fakeBuilder.WebHost.UseUrls("http://127.0.0.1:0");
fakeBuilder.Logging.ClearProviders();
await using var fake = fakeBuilder.Build();
fake.UseWebSockets();
var pending = new ConcurrentDictionary<string, TaskCompletionSource<long>>(StringComparer.Ordinal);
var firstBody = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
var gateway = new TaskCompletionSource<FakeGateway>(TaskCreationOptions.RunContinuationsAsynchronously);
fake.MapGet("/api/v10/gateway/bot", () => Results.Text(
    $$$"""{"url":"ws{{{fake.Urls.First()["http".Length..]}}}/gateway","shards":1,"session_start_limit":{"total":1000,"remaining":1000,"reset_after":14400000,"max_concurrency":1}}""",
    "application/json"));
fake.MapPost("/api/v10/interactions/{id}/{token}/callback", async (HttpContext http, string id) =>
{
    var arrived = Stopwatch.GetTimestamp();
    using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
    var body = await reader.ReadToEndAsync();
    firstBody.TrySetResult(body);
    if (pending.TryRemove(id, out var done))
    {
        done.TrySetResult(arrived);
    }

    return Results.NoContent();
});
fake.Map("/gateway", async (HttpContext http) =>
{
    using var socket = await http.WebSockets.AcceptWebSocketAsync();
    using var connection = new FakeGateway(socket);
    gateway.TrySetResult(connection);
    await connection.RunAsync();
});
await fake.StartAsync();
var apiBaseUrl = fake.Urls.First() + "/api/v10";

// The bot, as deployed in Gateway mode.
var botBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
botBuilder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Discord:BotToken"] = "bench-token.not-real",
    ["Discord:ApiBaseUrl"] = apiBaseUrl,
});
botBuilder.Logging.ClearProviders();
botBuilder.Services.AddSingleton<IFactStore>(new FixedFactStore(facts));
botBuilder.Services.AddDiscordAdapter(botBuilder.Configuration);
using var bot = botBuilder.Build();
using var metrics = new Recorder(bot.Services.GetRequiredService<IMeterFactory>());
await bot.StartAsync();

var connection = await gateway.Task.WaitAsync(wait);
await connection.Ready.WaitAsync(wait);

var endToEnd = new List<double>(count);
var sequence = 1;
async Task RunAsync(int n, List<double>? times)
{
    for (var i = 0; i < n; i++)
    {
        var id = (1_000_000_000_000_000_000L + Interlocked.Increment(ref sequence)).ToString(CultureInfo.InvariantCulture);
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = done;
        var frame = $$$"""
            {"op":0,"s":{{{sequence}}},"t":"INTERACTION_CREATE","d":{"type":2,"id":"{{{id}}}","application_id":"123456789012345678","token":"tok-{{{id}}}","version":1,
             "guild_id":"290926798626357999","channel_id":"645027906669510667","locale":"en-US","guild_locale":"en-US",
             "member":{"user":{"id":"53908232506183680","username":"tester"},"permissions":"0","roles":[]},
             "data":{"id":"771825006014889984","name":"who","type":1,"options":[{"name":"name","type":3,"value":"{{{person}}}"}]
            """ + "}}}";
        var sent = Stopwatch.GetTimestamp();
        await connection.SendAsync(frame);
        var arrived = await done.Task.WaitAsync(wait);
        times?.Add(Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds);
    }
}

await RunAsync(warmup, null);
await metrics.WaitForAsync(warmup, wait);
metrics.Clear();
await RunAsync(count, endToEnd);
await metrics.WaitForAsync(count, wait);

var sample = JsonDocument.Parse(await firstBody.Task.WaitAsync(wait)).RootElement;
Console.WriteLine($"Gateway bench: {count} /who interactions (after {warmup} warm-up), one at a time, fake Gateway + fake REST on 127.0.0.1");
Console.WriteLine($"Callback sample: type {sample.GetProperty("type").GetInt32()}, embed \"{sample.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString()}\"");
Console.WriteLine($".NET {Environment.Version}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} CPUs, server GC {System.Runtime.GCSettings.IsServerGC}");
Console.WriteLine();
Console.WriteLine("| measure (ms) | median | p90 | p99 | max |");
Console.WriteLine("|---|---:|---:|---:|---:|");
Row("overhead: received → callback sent, minus the core", metrics.Values("bot.discord.gateway.interaction.overhead"));
Row("core's own time (RespondAsync)", metrics.Values("bot.discord.gateway.interaction.answer_time"));
Row("received → callback sent (in the bot)", metrics.Values("bot.discord.gateway.interaction.duration"));
Row("end to end (fake sends frame → fake gets callback)", endToEnd);

await bot.StopAsync(CancellationToken.None);
await fake.StopAsync();

static void Row(string name, List<double> values)
{
    values.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} (n={values.Count}) | {Percentile(values, 0.50):0.000} | {Percentile(values, 0.90):0.000} | {Percentile(values, 0.99):0.000} | {values[^1]:0.000} |"));
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

/// <summary>The fake's side of the Gateway connection: Hello, READY after Identify, ACK for heartbeats.</summary>
internal sealed class FakeGateway(WebSocket socket) : IDisposable
{
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    public async Task SendAsync(string json)
    {
        await _send.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _send.Release();
        }
    }

    public async Task RunAsync()
    {
        await SendAsync("""{"op":10,"d":{"heartbeat_interval":41250},"s":null,"t":null}""");
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            using var document = JsonDocument.Parse(message.ToArray());
            switch (document.RootElement.GetProperty("op").GetInt32())
            {
                case 1:
                    await SendAsync("""{"op":11}""");
                    break;
                case 2:
                    await SendAsync("""
                        {"op":0,"s":1,"t":"READY","d":{"v":10,"user":{"id":"123456789012345678","username":"bot","bot":true},"guilds":[],
                         "session_id":"bench","resume_gateway_url":"ws://127.0.0.1:1/resume","shard":[0,1],"application":{"id":"123456789012345678","flags":0}}}
                        """);
                    _ready.TrySetResult();
                    break;
            }
        }
    }

    public void Dispose() => _send.Dispose();
}

/// <summary>Every measurement of the bot's <c>Bot.Discord.Gateway</c> histograms.</summary>
internal sealed class Recorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _values = new(StringComparer.Ordinal);

    public Recorder(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Bot.Discord.Gateway" && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
            _values.GetOrAdd(instrument.Name, _ => new ConcurrentQueue<double>()).Enqueue(value));
        _listener.Start();
    }

    public List<double> Values(string instrument) => _values.TryGetValue(instrument, out var queue) ? [.. queue] : [];

    public void Clear() => _values.Clear();

    /// <summary>Waits (bounded) until <paramref name="n"/> interactions have been timed.</summary>
    public async Task WaitForAsync(int n, TimeSpan wait)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        while (Values("bot.discord.gateway.interaction.overhead").Count < n)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"only {Values("bot.discord.gateway.interaction.overhead").Count} of {n} interactions timed");
            }

            await Task.Delay(10);
        }
    }

    public void Dispose() => _listener.Dispose();
}

internal static class BenchPaths
{
    /// <summary>The repository's <c>facts</c> folder: above the working directory, or above this source file.</summary>
    public static string Facts([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
                {
                    return Path.Combine(dir.FullName, "facts");
                }
            }
        }

        throw new InvalidOperationException("Run the bench from inside the repository.");
    }
}
