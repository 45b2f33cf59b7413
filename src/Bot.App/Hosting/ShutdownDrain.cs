using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.App.Hosting;

/// <summary>
/// <c>Shutdown:DrainSeconds</c> (default 0): on SIGTERM, first turn <c>/readyz</c> to 503 and keep serving for that
/// long, so a load balancer that probes readiness stops sending requests before the server stops accepting them;
/// then the normal graceful stop runs (requests in flight finish, within <c>HostOptions:ShutdownTimeout</c>).
/// </summary>
internal sealed partial class ShutdownDrain(IConfiguration configuration, TimeProvider time, ILogger<ShutdownDrain> logger)
    : IHostedLifecycleService, IHealthCheck
{
    public const string Name = "shutdown";

    private volatile bool _stopping;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        var seconds = configuration.GetValue("Shutdown:DrainSeconds", 0.0);
        if (seconds <= 0)
        {
            return;
        }

        Log.Draining(logger, seconds);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(seconds, 300)), time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout is shorter than the drain: stop now.
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_stopping ? HealthCheckResult.Unhealthy("The bot is shutting down.") : HealthCheckResult.Healthy());

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(4030, LogLevel.Information, "Shutting down: /readyz answers 503; serving {Seconds} s more before the server stops")]
        public static partial void Draining(ILogger logger, double seconds);
    }
}
