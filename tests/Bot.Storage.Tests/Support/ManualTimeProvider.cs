namespace Bot.Storage.Tests.Support;

/// <summary>A clock that moves only when told to (thread-safe), like FakeTimeProvider.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public static DateTimeOffset DefaultStart { get; } = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public DateTimeOffset Advance(TimeSpan by)
    {
        Interlocked.Add(ref _utcTicks, by.Ticks);
        return GetUtcNow();
    }
}
