using Microsoft.Extensions.Logging;

namespace Bot.Discord.Gateway;

/// <summary>Gateway log events (2100–2199). Never the token, interaction tokens or payload bodies.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Discord adapter enabled: Gateway mode with {Shards} shard(s), max_concurrency {MaxConcurrency}, {Remaining} of {Total} session starts left")]
    public static partial void GatewayEnabled(this ILogger logger, int shards, int maxConcurrency, int remaining, int total);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Discord Gateway shard {Shard}/{ShardCount} connected (new session)")]
    public static partial void ShardConnected(this ILogger logger, int shard, int shardCount);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Discord Gateway shard {Shard}/{ShardCount} resumed its session")]
    public static partial void ShardResumed(this ILogger logger, int shard, int shardCount);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Discord Gateway shard {Shard} reconnecting in {Delay} to {Action}: {Reason}")]
    public static partial void ShardReconnecting(this ILogger logger, int shard, TimeSpan delay, string action, string reason);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Debug, Message = "Discord Gateway shard {Shard} heartbeat latency {LatencyMs} ms")]
    public static partial void HeartbeatLatency(this ILogger logger, int shard, double latencyMs);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Discord Gateway shard {Shard}: no heartbeat ACK since the last heartbeat (zombie connection); closing to resume")]
    public static partial void ZombieConnection(this ILogger logger, int shard);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "Discord Gateway shard {Shard}: invalid session (resumable: {Resumable})")]
    public static partial void InvalidSession(this ILogger logger, int shard, bool resumable);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Critical, Message = "Discord Gateway stopped for good, stopping the application: {Reason}")]
    public static partial void GatewayStopped(this ILogger logger, string reason);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Warning, Message = "Discord Gateway shard {Shard}: no session starts left today; waiting {Delay} for session_start_limit to reset")]
    public static partial void SessionStartLimitWait(this ILogger logger, int shard, TimeSpan delay);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Warning, Message = "GET /gateway/bot failed ({Reason}); retrying in {Delay}")]
    public static partial void GatewayBotFailed(this ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Debug, Message = "Discord interaction {InteractionId} answered through the callback in {ElapsedMs} ms")]
    public static partial void CallbackSent(this ILogger logger, string interactionId, double elapsedMs);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Error, Message = "Discord interaction {InteractionId}: callback not delivered: {Reason}")]
    public static partial void CallbackFailed(this ILogger logger, string interactionId, string reason);

    [LoggerMessage(EventId = 2113, Level = LogLevel.Warning, Message = "Discord Gateway shard {Shard}: INTERACTION_CREATE without a usable interaction")]
    public static partial void MalformedInteraction(this ILogger logger, int shard);

    [LoggerMessage(EventId = 2114, Level = LogLevel.Warning, Message = "Discord Gateway: only {Remaining} of {Total} session starts left until the limit resets in {ResetAfter}")]
    public static partial void SessionStartsLow(this ILogger logger, int remaining, int total, TimeSpan resetAfter);

    [LoggerMessage(EventId = 2115, Level = LogLevel.Debug, Message = "Discord Gateway shard {Shard} identifying (of {ShardCount})")]
    public static partial void Identifying(this ILogger logger, int shard, int shardCount);

    [LoggerMessage(EventId = 2116, Level = LogLevel.Information, Message = "Discord interaction {InteractionId}: answer not ready after {ElapsedMs} ms; deferring (type 5) and editing the answer in when ready")]
    public static partial void InteractionDeferred(this ILogger logger, string interactionId, double elapsedMs);

    [LoggerMessage(EventId = 2117, Level = LogLevel.Debug, Message = "Discord interaction {InteractionId}: deferred answer edited in {ElapsedMs} ms after the interaction")]
    public static partial void EditSent(this ILogger logger, string interactionId, double elapsedMs);

    [LoggerMessage(EventId = 2119, Level = LogLevel.Error, Message = "Discord interaction {InteractionId}: deferred answer not delivered: {Reason}")]
    public static partial void EditFailed(this ILogger logger, string interactionId, string reason);

    [LoggerMessage(EventId = 2121, Level = LogLevel.Information, Message = "Stopping: waiting for the answers to {Count} Discord interaction(s) in flight")]
    public static partial void DrainingInteractions(this ILogger logger, int count);

    [LoggerMessage(EventId = 2122, Level = LogLevel.Warning, Message = "Stopping: the shutdown timeout passed with {Count} Discord interaction answer(s) still in flight")]
    public static partial void DrainAbandoned(this ILogger logger, int count);

    [LoggerMessage(EventId = 2123, Level = LogLevel.Information, Message = "Discord Gateway: this process runs shard(s) {ShardIds} of {Total}")]
    public static partial void RunningShards(this ILogger logger, string shardIds, int total);

    [LoggerMessage(EventId = 2124, Level = LogLevel.Warning, Message = "Discord Gateway: Discord:Gateway:ShardCount is {Configured}, fewer than the {Recommended} Discord recommends; Discord may close the shards with 4011 (sharding required)")]
    public static partial void FewerShardsThanRecommended(this ILogger logger, int configured, int recommended);
}
