using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Discord.Gateway;

/// <summary>
/// Which of this process's shards are connected (READY or RESUMED received), and their last heartbeat latency; the
/// arrays follow <see cref="ShardIds"/>.
/// </summary>
internal sealed class GatewayStatus
{
    private int[] _connected = [];
    private long[] _latencyMs = [];
    private int[] _ids = [];

    /// <summary>How many shards this process runs.</summary>
    public int ShardCount => Volatile.Read(ref _connected).Length;

    /// <summary>The total over all processes.</summary>
    public int TotalShards { get; private set; }

    public IReadOnlyList<int> ShardIds => Volatile.Read(ref _ids);

    public int ConnectedCount => Volatile.Read(ref _connected).Count(c => c == 1);

    public void Reset(int total, int[] ids)
    {
        TotalShards = total;
        Volatile.Write(ref _latencyMs, new long[ids.Length]);
        Volatile.Write(ref _connected, new int[ids.Length]);
        Volatile.Write(ref _ids, ids);
    }

    public void SetConnected(int shard, bool connected)
    {
        var states = Volatile.Read(ref _connected);
        var index = Array.IndexOf(Volatile.Read(ref _ids), shard);
        if ((uint)index < (uint)states.Length)
        {
            Volatile.Write(ref states[index], connected ? 1 : 0);
        }
    }

    public void SetLatency(int shard, TimeSpan latency)
    {
        var values = Volatile.Read(ref _latencyMs);
        var index = Array.IndexOf(Volatile.Read(ref _ids), shard);
        if ((uint)index < (uint)values.Length)
        {
            Volatile.Write(ref values[index], (long)latency.TotalMilliseconds);
        }
    }

    public IReadOnlyList<long> LatenciesMs => [.. Volatile.Read(ref _latencyMs)];
}

/// <summary><c>discord-gateway</c>: Unhealthy while no shard is connected, Degraded while some are not.</summary>
internal sealed class DiscordGatewayHealthCheck(GatewayStatus status) : IHealthCheck
{
    public const string Name = "discord-gateway";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var total = status.ShardCount;
        var connected = status.ConnectedCount;
        var data = new Dictionary<string, object>
        {
            ["shards"] = total,
            ["shard_ids"] = status.ShardIds,
            ["shard_count"] = status.TotalShards,
            ["connected"] = connected,
            ["heartbeat_latency_ms"] = status.LatenciesMs,
        };
        var result = connected == 0
            ? HealthCheckResult.Unhealthy(total == 0 ? "Discord Gateway not connected yet" : "No Discord Gateway shard is connected", data: data)
            : connected < total
                ? HealthCheckResult.Degraded($"{connected} of {total} Discord Gateway shards connected", data: data)
                : HealthCheckResult.Healthy($"{connected} Discord Gateway shard(s) connected", data);
        return Task.FromResult(result);
    }
}
