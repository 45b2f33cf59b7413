using Bot.Storage.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Storage.Tests;

/// <summary>
/// The shared rate-limit cells on PostgreSQL: the same token bucket as the single-process limiter (a burst of the
/// permits, then one per window ÷ permits), one count however many replicas ask. Skipped with a notice when no server
/// answers.
/// </summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresRateLimitsTests(PostgresDatabase database) : IAsyncLifetime
{
    // 4 permits a minute: one more every 15 s
    private static readonly RateCell User = new("user:discord:1", TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(1));
    private static readonly RateCell Channel = new("channel:discord:9", TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    private readonly List<PostgresFeedbackStore> _stores = [];
    private string? _connectionString;

    private static CancellationToken Ct { get; } = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    public async Task InitializeAsync()
    {
        if (PostgresServer.SkipReason is null)
        {
            _connectionString = await database.NewSchemaAsync();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task A_user_gets_the_burst_of_permits_then_a_refusal_saying_when_to_retry()
    {
        var limits = Replica();

        for (var i = 0; i < 4; i++)
        {
            Assert.Null(await limits.TakeAsync(User, null, Ct));
        }

        var refusal = await limits.TakeAsync(User, null, Ct);
        Assert.Equal(new RateCellRefusal(0, TimeSpan.FromSeconds(15)), refusal);
    }

    [PostgresFact]
    public async Task One_permit_comes_back_per_interval_as_in_one_process()
    {
        var limits = Replica();
        for (var i = 0; i < 4; i++)
        {
            await limits.TakeAsync(User, null, Ct);
        }

        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Null(await limits.TakeAsync(User, null, Ct));
        Assert.NotNull(await limits.TakeAsync(User, null, Ct));

        _time.Advance(TimeSpan.FromMinutes(5)); // idle long after the window: the full burst again, never more
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(await limits.TakeAsync(User, null, Ct));
        }

        Assert.NotNull(await limits.TakeAsync(User, null, Ct));
    }

    [PostgresFact]
    public async Task A_command_the_user_limit_refuses_does_not_count_against_the_channel()
    {
        var limits = Replica();
        var otherUser = User with { Key = "user:discord:2" };
        for (var i = 0; i < 4; i++)
        {
            await limits.TakeAsync(User, null, Ct);
        }

        Assert.Equal(0, (await limits.TakeAsync(User, Channel, Ct))?.Cell); // refused by the user cell

        // the channel's 2 permits are both still there for someone else
        Assert.Null(await limits.TakeAsync(otherUser, Channel, Ct));
        Assert.Null(await limits.TakeAsync(otherUser, Channel, Ct));
        Assert.Equal(new RateCellRefusal(1, TimeSpan.FromSeconds(30)), await limits.TakeAsync(otherUser, Channel, Ct));
    }

    [PostgresFact]
    public async Task Two_replicas_asking_at_once_admit_exactly_the_permits_between_them()
    {
        var first = Replica();
        var second = Replica();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? first : second).TakeAsync(User, null, Ct)));

        Assert.Equal(4, outcomes.Count(refusal => refusal is null));
    }

    [PostgresFact]
    public async Task The_retention_sweep_deletes_only_cells_whose_window_has_passed()
    {
        var store = Store();
        var limits = new PostgresRateLimits(store, _time);
        await limits.TakeAsync(User, null, Ct);
        await limits.TakeAsync(Channel with { Key = "channel:discord:late" }, null, Ct);
        _time.Advance(TimeSpan.FromSeconds(20)); // the user cell (15 s) is empty again; the channel cell (30 s) is not

        await store.SweepAsync(null, null, Ct);

        Assert.Equal(["channel:discord:late"], await KeysAsync(store));
    }

    private PostgresRateLimits Replica() => new(Store(), _time);

    private PostgresFeedbackStore Store()
    {
        var store = new PostgresFeedbackStore(_connectionString ?? throw new InvalidOperationException(PostgresServer.SkipReason), _time, NullLogger.Instance);
        _stores.Add(store);
        return store;
    }

    private static async Task<List<string>> KeysAsync(PostgresFeedbackStore store)
    {
        await using var connection = await store.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand("SELECT key FROM rate_limit_cells ORDER BY key", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var keys = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
