namespace Bot.Core.Operations;

/// <summary>
/// Remembers the requests already received (a Discord interaction id, a Slack request signature) for as long as their
/// signed timestamp could still be accepted, so that a captured request replayed inside that window is refused.
/// Bounded: entries older than <see cref="Window"/> are forgotten, and at <see cref="Capacity"/> the oldest entry is
/// forgotten to make room (memory stays bounded; only a replay of a request that old could then pass again).
/// </summary>
public sealed class ReplayGuard
{
    /// <summary>Entries kept at most: about 15 MB at the worst, and more than 300 signed requests a second for 5 minutes.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly TimeProvider _time;
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset At)> _order = new();
    private readonly Lock _lock = new();

    public ReplayGuard(TimeProvider time, TimeSpan window, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        Window = window;
        Capacity = capacity;
    }

    public TimeSpan Window { get; }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>True the first time <paramref name="key"/> is seen within the window (and remembers it); false for a replay.</summary>
    public bool FirstSeen(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            while (_order.TryPeek(out var oldest) && (now - oldest.At > Window || _order.Count >= Capacity))
            {
                _order.Dequeue();
                _seen.Remove(oldest.Key);
            }

            if (!_seen.TryAdd(key, now))
            {
                return false;
            }

            _order.Enqueue((key, now));
            return true;
        }
    }
}
