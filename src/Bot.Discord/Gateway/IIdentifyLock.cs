namespace Bot.Discord.Gateway;

/// <summary>
/// Spaces Identify calls between processes that share the bot's shards: Discord allows one Identify per
/// <c>max_concurrency</c> bucket (<c>shard_id % max_concurrency</c>) per 5 s for the whole bot, not per process. The
/// host supplies it when the processes share a database (a PostgreSQL advisory lock per bucket); without one, each
/// process spaces only its own shards.
/// </summary>
public interface IIdentifyLock
{
    /// <summary>
    /// Returns once this process holds bucket <paramref name="bucket"/>'s lock; disposing the result releases it. The
    /// gate holds it for the identify window after the Identify, so another process's shard in that bucket waits.
    /// </summary>
    Task<IAsyncDisposable> AcquireAsync(int bucket, CancellationToken cancellationToken);
}
