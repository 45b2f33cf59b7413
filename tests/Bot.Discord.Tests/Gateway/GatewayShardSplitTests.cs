using System.Diagnostics;
using Bot.Discord.Gateway;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Discord.Tests.Gateway;

/// <summary>
/// <c>Discord:Gateway:ShardCount</c> and <c>Discord:Gateway:Shards</c>: several processes (here two hosts, each its own
/// service provider and sockets) splitting one bot's shards against the fake Gateway.
/// </summary>
public sealed class GatewayShardSplitTests
{
    [Fact]
    public async Task Two_processes_recommended_4_shards_identify_0_to_3_each_exactly_once()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.Shards = 4;
        fake.MaxConcurrency = 4;
        await using var first = await GatewayBotHost.StartAsync(fake, settings: Split("0-1"));
        await using var second = await GatewayBotHost.StartAsync(fake, settings: Split("2,3"));

        var identified = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var connection = await fake.NextConnectionAsync();
            await connection.HelloAsync(intervalMs: 5000);
            var shard = (await connection.ReceiveAsync(2))["d"]!["shard"]!.AsArray();
            identified.Add(shard.ToJsonString());
            await connection.ReadyAsync($"session-{i}", fake.WsBase + "/resume", shard: (int)shard[0]!, shards: 4);
        }

        Assert.Equal(["[0,4]", "[1,4]", "[2,4]", "[3,4]"], identified.Order(StringComparer.Ordinal));
        await Task.Delay(300); // room for a fifth connection, which must not come
        Assert.False(fake.HasPendingConnection);

        await GatewayBotHost.EventuallyAsync(() => first.Services.GetRequiredService<GatewayStatus>().ConnectedCount == 2, "process 1 connected");
        var health = await first.HealthAsync();
        Assert.Equal([0, 1], (IReadOnlyList<int>)health.Data["shard_ids"]);
        Assert.Equal(4, health.Data["shard_count"]);
        Assert.Equal([2, 3], (IReadOnlyList<int>)(await second.HealthAsync()).Data["shard_ids"]);
    }

    [Fact]
    public async Task With_a_shared_identify_lock_two_processes_keep_one_identify_per_bucket_per_window()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.Shards = 2;
        fake.MaxConcurrency = 1; // one bucket for both shards, whichever process runs them
        var window = TimeSpan.FromMilliseconds(400);
        var shared = new InMemoryIdentifyLock();
        await using var first = await GatewayBotHost.StartAsync(fake, GatewayBotHost.FastTimings(window), services: s => s.AddSingleton<IIdentifyLock>(shared), settings: Split("0", 2));
        await using var second = await GatewayBotHost.StartAsync(fake, GatewayBotHost.FastTimings(window), services: s => s.AddSingleton<IIdentifyLock>(shared), settings: Split("1", 2));

        for (var i = 0; i < 2; i++)
        {
            var connection = await fake.NextConnectionAsync();
            await connection.HelloAsync(intervalMs: 5000);
            await connection.ReceiveAsync(2); // each process identifies once it holds the bucket
        }

        // Measured where the processes are let through, not where this test happens to read the identify: a test
        // thread slow to read the first one would make the gap look shorter than it was.
        var acquired = shared.Acquired.ToArray();
        var gap = Stopwatch.GetElapsedTime(acquired[0], acquired[1]);
        Assert.True(gap >= window - TimeSpan.FromMilliseconds(30), $"the second process was let through {gap.TotalMilliseconds} ms after the first");
        Assert.Equal([0, 0], shared.Buckets.Order());
    }

    [Theory]
    [InlineData(0, "0-1", "Discord:Gateway:Shards needs Discord:Gateway:ShardCount")]
    [InlineData(4, "0-4", "(shard 4 is not below Discord:Gateway:ShardCount (4))")]
    [InlineData(4, "3-1", "(the range 3-1 runs backwards)")]
    [InlineData(4, "0,0", "(shard 0 is listed twice)")]
    [InlineData(4, "one", "('one' is not a shard id or a range such as 0-3)")]
    [InlineData(-1, null, "Discord:Gateway:ShardCount must be 0")]
    public void A_shard_setting_that_does_not_name_this_process_shards_is_one_clear_problem(int count, string? shards, string expected)
    {
        var options = new DiscordOptions { BotToken = "token", Gateway = new() { ShardCount = count, Shards = shards } };

        var result = new DiscordOptionsValidator().Validate(null, options);

        Assert.Contains(expected, Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Ranges_and_single_ids_combine_in_ascending_order() =>
        Assert.Equal([0, 1, 2, 6], DiscordGatewayOptions.ParseShards("6, 0-2", 8).Ids!);

    private static Dictionary<string, string?> Split(string shards, int count = 4) => new()
    {
        ["Discord:Gateway:ShardCount"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Discord:Gateway:Shards"] = shards,
    };

    /// <summary>One lock per bucket shared by the hosts of the test, as the PostgreSQL advisory lock is between processes.</summary>
    private sealed class InMemoryIdentifyLock : IIdentifyLock
    {
        private readonly SemaphoreSlim[] _buckets = [new(1, 1), new(1, 1), new(1, 1), new(1, 1)];

        public System.Collections.Concurrent.ConcurrentQueue<int> Buckets { get; } = new();

        /// <summary>When each acquisition was granted (<see cref="Stopwatch.GetTimestamp"/>).</summary>
        public System.Collections.Concurrent.ConcurrentQueue<long> Acquired { get; } = new();

        public async Task<IAsyncDisposable> AcquireAsync(int bucket, CancellationToken cancellationToken)
        {
            await _buckets[bucket].WaitAsync(cancellationToken);
            Acquired.Enqueue(Stopwatch.GetTimestamp());
            Buckets.Enqueue(bucket);
            return new Release(_buckets[bucket]);
        }

        private sealed class Release(SemaphoreSlim semaphore) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                semaphore.Release();
                return ValueTask.CompletedTask;
            }
        }
    }
}
