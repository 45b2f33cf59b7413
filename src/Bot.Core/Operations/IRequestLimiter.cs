using Bot.Core.Commands;

namespace Bot.Core.Operations;

/// <summary>Which limit a command ran into.</summary>
public enum RateLimitScope
{
    User,
    Channel,

    /// <summary>The asker's own, more generous limit on Previous/Next presses.</summary>
    Paging,
}

/// <summary>A refused command: which limit it hit and when the asker may try again.</summary>
public sealed record RateLimitRefusal(RateLimitScope Scope, TimeSpan RetryAfter);

/// <summary>
/// Decides whether one more command (or page) from this asker and channel may be answered now. The host supplies the
/// implementation (the framework's partitioned rate limiter in one process, or counters in the shared database when
/// replicas share the limits); the core only asks.
/// </summary>
public interface IRequestLimiter
{
    /// <summary>Null when the command may go ahead (it then counts against the limits); otherwise the refusal.</summary>
    ValueTask<RateLimitRefusal?> TryAcquireAsync(BotRequest request, CancellationToken cancellationToken);
}
