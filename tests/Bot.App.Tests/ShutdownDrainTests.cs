using Bot.App.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Bot.App.Tests;

/// <summary>SIGTERM with <c>Shutdown:DrainSeconds</c>: readiness turns off first, then the bot keeps serving for the drain time.</summary>
public sealed class ShutdownDrainTests
{
    [Fact]
    public async Task On_shutdown_readiness_turns_off_at_once_and_stopping_waits_for_the_drain_time()
    {
        var time = new FakeTimeProvider();
        var drain = Drain("5", time);
        var before = await drain.CheckHealthAsync(new HealthCheckContext());

        var stopping = drain.StoppingAsync(CancellationToken.None);
        var during = await drain.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, before.Status);
        Assert.Equal(HealthStatus.Unhealthy, during.Status);
        Assert.False(stopping.IsCompleted, "the server keeps serving until the drain time has passed");
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(stopping.IsCompleted, "still serving just before the drain time ends");
        time.Advance(TimeSpan.FromSeconds(0.1));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Without_a_drain_time_stopping_goes_on_at_once()
    {
        var drain = Drain(null, new FakeTimeProvider());

        var stopping = drain.StoppingAsync(CancellationToken.None);

        Assert.True(stopping.IsCompleted);
        Assert.Equal(HealthStatus.Unhealthy, (await drain.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    private static ShutdownDrain Drain(string? seconds, TimeProvider time) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Shutdown:DrainSeconds"] = seconds }).Build(),
        time,
        NullLogger<ShutdownDrain>.Instance);
}
