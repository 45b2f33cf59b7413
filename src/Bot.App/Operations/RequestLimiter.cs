using System.Threading.RateLimiting;
using Bot.Core.Commands;
using Bot.Core.Operations;
using Microsoft.Extensions.Options;

namespace Bot.App.Operations;

/// <summary>
/// Per-user and per-channel token buckets for commands and command buttons, and a per-user bucket of its own for
/// Previous/Next presses (<see cref="PartitionedRateLimiter"/> from System.Threading.RateLimiting), partitioned by
/// platform + id. Requests without an id (the CLI) are not limited; idle partitions are dropped by the framework, so
/// memory follows the number of recently active users, not all users ever seen.
/// </summary>
internal sealed class RequestLimiter : IRequestLimiter, IDisposable
{
    private readonly PartitionedRateLimiter<BotRequest> _perUser;
    private readonly PartitionedRateLimiter<BotRequest> _perChannel;
    private readonly PartitionedRateLimiter<BotRequest> _paging;

    public RequestLimiter(IOptions<RateLimitOptions> options)
    {
        var value = options.Value;
        _perUser = Create(value.PerUser, r => r.UserId);
        _perChannel = Create(value.PerChannel, r => r.ChannelId);
        _paging = Create(value.Paging, r => r.UserId);
    }

    public ValueTask<RateLimitRefusal?> TryAcquireAsync(BotRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TryAcquire(request));

    /// <summary>The same decision, synchronously (in memory): also the fallback of <see cref="SharedRequestLimiter"/>.</summary>
    public RateLimitRefusal? TryAcquire(BotRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Trigger == RequestTrigger.Page)
        {
            return TryAcquire(_paging, request, RateLimitScope.Paging);
        }

        return TryAcquire(_perUser, request, RateLimitScope.User) ?? TryAcquire(_perChannel, request, RateLimitScope.Channel);
    }

    public void Dispose()
    {
        _perUser.Dispose();
        _perChannel.Dispose();
        _paging.Dispose();
    }

    private static RateLimitRefusal? TryAcquire(PartitionedRateLimiter<BotRequest> limiter, BotRequest request, RateLimitScope scope)
    {
        using var lease = limiter.AttemptAcquire(request);
        if (lease.IsAcquired)
        {
            return null;
        }

        return new RateLimitRefusal(scope, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1));
    }

    private static PartitionedRateLimiter<BotRequest> Create(RateLimitWindow window, Func<BotRequest, string?> id) =>
        PartitionedRateLimiter.Create<BotRequest, string>(request => id(request) is { Length: > 0 } key
            ? RateLimitPartition.GetTokenBucketLimiter(request.Platform + ":" + key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = window.Permits,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = window.Window / window.Permits,
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter(""));
}
