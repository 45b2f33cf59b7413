using Bot.Core.Facts;
using Bot.Core.Querying;
using Bot.Discord.Gateway;
using Bot.Discord.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests.Gateway;

/// <summary>The bot as deployed in Gateway mode (generic host, real ClientWebSocket), pointed at a <see cref="FakeDiscord"/>.</summary>
internal sealed class GatewayBotHost : IAsyncDisposable
{
    public const string Token = "bot-token-for-tests.not-real";

    private readonly IHost _host;

    private GatewayBotHost(IHost host, LogSink logs)
    {
        _host = host;
        Logs = logs;
    }

    public LogSink Logs { get; }

    public IServiceProvider Services => _host.Services;

    public CancellationToken Stopping => _host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

    public static GatewayTimings FastTimings(TimeSpan? identifyWindow = null) => new()
    {
        IdentifyWindow = identifyWindow ?? TimeSpan.FromMilliseconds(50),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        InvalidSessionMinDelay = TimeSpan.FromMilliseconds(10),
        InvalidSessionMaxDelay = TimeSpan.FromMilliseconds(50),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        HelloTimeout = TimeSpan.FromSeconds(5),
    };

    public static async Task<GatewayBotHost> StartAsync(
        FakeDiscord fake,
        GatewayTimings? timings = null,
        FactBase? facts = null,
        Action<IServiceCollection>? services = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        LogLevel minimumLevel = LogLevel.Debug)
    {
        var logs = new LogSink();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = Token,
            ["Discord:ApiBaseUrl"] = fake.ApiBaseUrl,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders().SetMinimumLevel(minimumLevel).AddProvider(logs);
        builder.Services.AddSingleton(timings ?? FastTimings());
        builder.Services.AddSingleton<IFactStore>(new FixedFactStore(facts ?? TestFacts.Small()));
        builder.Services.AddSingleton<QueryEngine>();
        services?.Invoke(builder.Services);
        builder.Services.AddDiscordAdapter(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new GatewayBotHost(host, logs);
    }

    public async Task<HealthReportEntry> HealthAsync()
    {
        var report = await _host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[DiscordGatewayHealthCheck.Name];
    }

    /// <summary>Polls <paramref name="condition"/> until true; fails after <see cref="FakeDiscord.Wait"/>.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? wait = null)
    {
        var deadline = DateTime.UtcNow + (wait ?? FakeDiscord.Wait);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for: " + what);
            await Task.Delay(10);
        }
    }

    /// <summary>Stops the host as SIGTERM would, within <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _host.StopAsync(cancel.Token);
    }

    public bool Logged(int eventId) => Logs.Entries.Any(e => e.Event.Id == eventId);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping took too long; disposing below still tears it down.
        }

        _host.Dispose();
    }
}
