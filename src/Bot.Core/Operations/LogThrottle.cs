namespace Bot.Core.Operations;

/// <summary>
/// At most <see cref="PerWindow"/> log lines of one kind per <see cref="Window"/> (refused requests: a flood of forged
/// requests must not flood the log). What was not logged is counted and reported once, when the next window opens.
/// </summary>
public sealed class LogThrottle
{
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _logged;
    private int _skipped;

    public LogThrottle(TimeProvider time, int perWindow = 10, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(perWindow, 1);
        _time = time;
        PerWindow = perWindow;
        Window = window ?? TimeSpan.FromMinutes(1);
    }

    public int PerWindow { get; }

    public TimeSpan Window { get; }

    /// <summary>
    /// True when this line may be written. <paramref name="skippedBefore"/> is how many lines the window that just
    /// ended held back (non-zero once per window, on the first line of the next), to be reported with it.
    /// </summary>
    public bool Allow(out int skippedBefore)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            skippedBefore = 0;
            if (now - _windowStart >= Window)
            {
                skippedBefore = _skipped;
                _windowStart = now;
                _logged = 0;
                _skipped = 0;
            }

            if (_logged < PerWindow)
            {
                _logged++;
                return true;
            }

            _skipped++;
            return false;
        }
    }
}
