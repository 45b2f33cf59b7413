using Bot.Core.Operations;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Core.Tests.Operations;

public sealed class ReplayGuardTests
{
    [Fact]
    public void A_key_seen_again_within_the_window_is_a_replay_and_is_forgotten_after_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var guard = new ReplayGuard(time, TimeSpan.FromMinutes(10));

        Assert.True(guard.FirstSeen("a"));
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.False(guard.FirstSeen("a"));
        Assert.True(guard.FirstSeen("b"));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(guard.FirstSeen("c")); // "a" is past the window now, and forgotten
        Assert.Equal(2, guard.Count);
    }

    [Fact]
    public void At_its_capacity_the_oldest_key_is_forgotten_first_and_memory_stays_bounded()
    {
        var time = new FakeTimeProvider();
        var guard = new ReplayGuard(time, TimeSpan.FromMinutes(10), capacity: 1000);

        for (var i = 0; i < 5000; i++)
        {
            Assert.True(guard.FirstSeen("id" + i));
        }

        Assert.Equal(1000, guard.Count);
        Assert.False(guard.FirstSeen("id4999")); // the newest are remembered
        Assert.True(guard.FirstSeen("id0"));     // the oldest were dropped to make room
    }
}
