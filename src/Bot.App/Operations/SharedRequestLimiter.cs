using Bot.Core.Commands;
using Bot.Core.Operations;
using Bot.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.App.Operations;

/// <summary>
/// <c>RateLimits:Shared</c>: the same limits as <see cref="RequestLimiter"/>, counted in PostgreSQL so every replica
/// sees one count per user and per channel (one round trip per command). When the database does not answer within
/// <see cref="Timeout"/> or fails, this replica counts alone with the local limiter for <see cref="RetryAfter"/> before
/// trying the database again, and /healthz says so: a database outage never refuses every command.
/// </summary>
internal sealed partial class SharedRequestLimiter(
    PostgresRateLimits cells,
    RequestLimiter local,
    IOptions<RateLimitOptions> options,
    TimeProvider time,
    ILogger<SharedRequestLimiter> logger) : IRequestLimiter
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(15);

    private readonly RateLimitOptions _options = options.Value;
    private readonly Lock _lock = new();
    private DateTimeOffset? _failedSince;
    private DateTimeOffset _retryAt;
    private string _failure = "";

    /// <summary>Null while the shared count works; otherwise since when, and why, this replica counts alone.</summary>
    public (DateTimeOffset Since, string Reason)? Fallback
    {
        get
        {
            lock (_lock)
            {
                return _failedSince is { } since ? (since, _failure) : null;
            }
        }
    }

    public async ValueTask<RateLimitRefusal?> TryAcquireAsync(BotRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Cells(request) is not { } pair)
        {
            return null; // no user and no channel (the command line): not limited, as in one process
        }

        lock (_lock)
        {
            if (_failedSince is not null && time.GetUtcNow() < _retryAt)
            {
                return local.TryAcquire(request);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var refusal = await cells.TakeAsync(pair.First, pair.Second, timeout.Token);
            Recovered();
            return refusal is null ? null : new RateLimitRefusal(refusal.Cell == 0 ? pair.FirstScope : RateLimitScope.Channel, refusal.RetryAfter);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Failed($"no answer within {Timeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is NpgsqlException or FeedbackStorageException or TimeoutException)
        {
            Failed(e is PostgresException postgres ? postgres.SqlState : e.GetType().Name);
        }

        return local.TryAcquire(request);
    }

    private (RateCell First, RateLimitScope FirstScope, RateCell? Second)? Cells(BotRequest request)
    {
        var user = string.IsNullOrEmpty(request.UserId) ? null : request.Platform + ":" + request.UserId;
        var channel = string.IsNullOrEmpty(request.ChannelId) ? null : request.Platform + ":" + request.ChannelId;
        if (request.Trigger == RequestTrigger.Page)
        {
            return user is null ? null : (Cell("page:" + user, _options.Paging), RateLimitScope.Paging, null);
        }

        var channelCell = channel is null ? null : Cell("channel:" + channel, _options.PerChannel);
        return user is not null ? (Cell("user:" + user, _options.PerUser), RateLimitScope.User, channelCell)
            : channelCell is not null ? (channelCell, RateLimitScope.Channel, null)
            : null;
    }

    private static RateCell Cell(string key, RateLimitWindow window) => new(key, window.Window / window.Permits, window.Window);

    private void Failed(string reason)
    {
        bool first;
        lock (_lock)
        {
            first = _failedSince is null;
            _failedSince ??= time.GetUtcNow();
            _failure = reason;
            _retryAt = time.GetUtcNow() + RetryAfter;
        }

        if (first)
        {
            Log.CountingAlone(logger, reason, RetryAfter.TotalSeconds);
        }
    }

    private void Recovered()
    {
        lock (_lock)
        {
            if (_failedSince is null)
            {
                return;
            }

            _failedSince = null;
        }

        Log.SharedAgain(logger);
    }

    private static partial class Log
    {
        [LoggerMessage(4040, LogLevel.Warning, "Shared rate limits: the database failed ({Reason}); this replica counts its own limits, trying the database again every {Seconds} s")]
        public static partial void CountingAlone(ILogger logger, string reason, double seconds);

        [LoggerMessage(4041, LogLevel.Information, "Shared rate limits: the database answers again; limits are shared by all replicas")]
        public static partial void SharedAgain(ILogger logger);
    }
}

/// <summary>
/// <c>rate-limits</c> in /healthz when <c>RateLimits:Shared</c> is on: Healthy while the limits are counted in the shared
/// database, Degraded (answers still flow) while this replica counts alone.
/// </summary>
internal sealed class SharedRateLimitHealthCheck(SharedRequestLimiter limiter) : IHealthCheck
{
    public const string Name = "rate-limits";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = limiter.Fallback is { } fallback
            ? HealthCheckResult.Degraded(
                $"Shared rate limits unavailable since {fallback.Since:u} ({fallback.Reason}): this replica counts its own limits, so a user may get up to the limit from each replica.",
                data: new Dictionary<string, object> { ["shared"] = false })
            : HealthCheckResult.Healthy("Rate limits are counted in the shared database (PostgreSQL).", new Dictionary<string, object> { ["shared"] = true });
        return Task.FromResult(result);
    }
}
