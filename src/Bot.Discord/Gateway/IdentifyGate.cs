using Microsoft.Extensions.Logging;

namespace Bot.Discord.Gateway;

/// <summary>
/// Spaces out Identify calls as Discord requires (gateway#sharding, "Max Concurrency"): shards share a bucket by
/// <c>shard_id % max_concurrency</c>, and each bucket may identify once per window; shards started in id order
/// therefore start bucket by bucket. Also keeps to <c>session_start_limit</c>: when no session starts remain, waits
/// <c>reset_after</c> before identifying (running out resets the token, so this never gambles). Resumes do not count.
/// With an <see cref="IIdentifyLock"/> (processes sharing the shards), each Identify also holds its bucket's lock for
/// the window, so the buckets are kept across processes too.
/// </summary>
internal sealed class IdentifyGate
{
    private static readonly TimeSpan AssumedResetPeriod = TimeSpan.FromHours(24);

    private readonly SemaphoreSlim[] _buckets;
    private readonly long[] _lastIdentify;
    private readonly Lock _budgetLock = new();
    private readonly int _total;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IIdentifyLock? _shared;
    private int _remaining;
    private DateTimeOffset _resetAt;

    public IdentifyGate(SessionStartLimit limit, TimeSpan window, TimeProvider time, ILogger logger, IIdentifyLock? shared = null)
    {
        _shared = shared;
        ArgumentNullException.ThrowIfNull(limit);
        _buckets = [.. Enumerable.Range(0, limit.MaxConcurrency).Select(_ => new SemaphoreSlim(1, 1))];
        _lastIdentify = new long[limit.MaxConcurrency];
        _total = Math.Max(1, limit.Total);
        _remaining = limit.Remaining;
        _window = window;
        _time = time;
        _logger = logger;
        _resetAt = time.GetUtcNow() + limit.ResetAfter;
    }

    public int MaxConcurrency => _buckets.Length;

    /// <summary>Returns when shard <paramref name="shardId"/> may send Identify; counts one session start.</summary>
    public async Task WaitAsync(int shardId, CancellationToken cancellationToken)
    {
        var key = shardId % _buckets.Length;
        await _buckets[key].WaitAsync(cancellationToken);
        try
        {
            var budgetWait = TakeSessionStart();
            if (budgetWait > TimeSpan.Zero)
            {
                _logger.SessionStartLimitWait(shardId, budgetWait);
                await Task.Delay(budgetWait, _time, cancellationToken);
                lock (_budgetLock)
                {
                    _remaining = _total - 1;
                    _resetAt = _time.GetUtcNow() + AssumedResetPeriod;
                }
            }

            if (_lastIdentify[key] != 0)
            {
                var since = _time.GetElapsedTime(_lastIdentify[key]);
                if (since < _window)
                {
                    await Task.Delay(_window - since, _time, cancellationToken);
                }
            }

            if (_shared is not null)
            {
                var held = await _shared.AcquireAsync(key, cancellationToken);
                _ = ReleaseAfterWindowAsync(held); // other processes' shards of this bucket wait the window out
            }

            _lastIdentify[key] = _time.GetTimestamp();
        }
        finally
        {
            _buckets[key].Release();
        }
    }

    private async Task ReleaseAfterWindowAsync(IAsyncDisposable held)
    {
        try
        {
            await Task.Delay(_window, _time, CancellationToken.None);
        }
        finally
        {
            await held.DisposeAsync();
        }
    }

    private TimeSpan TakeSessionStart()
    {
        lock (_budgetLock)
        {
            var now = _time.GetUtcNow();
            if (now >= _resetAt && _remaining <= 0)
            {
                _remaining = _total;
                _resetAt = now + AssumedResetPeriod;
            }

            if (_remaining > 0)
            {
                _remaining--;
                return TimeSpan.Zero;
            }

            return _resetAt - now;
        }
    }
}
