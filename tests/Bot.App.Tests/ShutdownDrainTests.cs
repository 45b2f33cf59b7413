using Bot.App.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.App.Tests;

/// <summary>SIGTERM with <c>Shutdown:DrainSeconds</c>: readiness turns off first, then the bot keeps serving for the drain time.</summary>
public sealed class ShutdownDrainTests
{
    [Fact]
    public async Task On_shutdown_readiness_turns_off_at_once_and_stopping_waits_for_the_drain_time()
    {
        var time = new ManualTime();
        var drain = Drain("5", time);
        var before = await drain.CheckHealthAsync(new HealthCheckContext());

        var stopping = drain.StoppingAsync(CancellationToken.None);
        var during = await drain.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, before.Status);
        Assert.Equal(HealthStatus.Unhealthy, during.Status);
        Assert.False(stopping.IsCompleted, "the server keeps serving until the drain time has passed");
        Assert.Equal(TimeSpan.FromSeconds(5), time.Pending);
        time.Fire();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Without_a_drain_time_stopping_goes_on_at_once()
    {
        var drain = Drain(null, new ManualTime());

        var stopping = drain.StoppingAsync(CancellationToken.None);

        Assert.True(stopping.IsCompleted);
        Assert.Equal(HealthStatus.Unhealthy, (await drain.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    private static ShutdownDrain Drain(string? seconds, TimeProvider time) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Shutdown:DrainSeconds"] = seconds }).Build(),
        time,
        NullLogger<ShutdownDrain>.Instance);

    /// <summary>A clock whose timers fire only when the test says so.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private readonly List<(TimerCallback Callback, object? State)> _timers = [];

        public TimeSpan Pending { get; private set; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (_timers)
            {
                _timers.Add((callback, state));
                Pending = dueTime;
            }

            return new Timer();
        }

        public void Fire()
        {
            (TimerCallback Callback, object? State)[] due;
            lock (_timers)
            {
                due = [.. _timers];
                _timers.Clear();
            }

            foreach (var (callback, state) in due)
            {
                callback(state);
            }
        }

        private sealed class Timer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
