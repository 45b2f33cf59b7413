using Npgsql;
using NpgsqlTypes;

namespace Bot.Storage;

/// <summary>
/// One limit counted in the shared database: at most <c>Window ÷ Interval</c> commands at once, one more every
/// <see cref="Interval"/> (the same token bucket as the single-process limiter, kept as one timestamp).
/// </summary>
/// <param name="Key">Who is counted, e.g. <c>user:discord:123</c>.</param>
/// <param name="Interval">The window divided by the permits: the refill period of one command.</param>
/// <param name="Window">The burst a fresh key may spend at once, as time (permits × interval).</param>
internal sealed record RateCell(string Key, TimeSpan Interval, TimeSpan Window);

/// <summary>Which cell refused (0 the first, 1 the second) and when it admits again.</summary>
internal sealed record RateCellRefusal(int Cell, TimeSpan RetryAfter);

/// <summary>
/// The shared per-user and per-channel limits, as rows of <c>rate_limit_cells</c> (an UNLOGGED table: a crash of the
/// database forgets the counts, which only forgives a minute of limits). Each cell holds its "theoretical arrival time"
/// (GCRA): a command is admitted when <c>max(tat, now) + interval ≤ now + window</c>, and then moves <c>tat</c> on by
/// one interval. Checking both cells is one statement (one round trip); the second cell is only counted when the first
/// admitted, as the single-process limiter does. Concurrent replicas are serialised by the row lock of
/// <c>INSERT … ON CONFLICT DO UPDATE</c>. Cells whose <c>tat</c> has passed are empty; the daily retention sweep
/// deletes them.
/// </summary>
internal sealed class PostgresRateLimits(PostgresFeedbackStore store, TimeProvider time)
{
    private const string Sql = """
        WITH first_cell AS (
            INSERT INTO rate_limit_cells AS c (key, tat) VALUES (@k1, @now + @i1)
            ON CONFLICT (key) DO UPDATE SET tat = greatest(c.tat, @now) + @i1
            WHERE greatest(c.tat, @now) + @i1 <= @now + @w1
            RETURNING 1),
        second_cell AS (
            INSERT INTO rate_limit_cells AS c (key, tat)
            SELECT @k2, @now + @i2 WHERE @k2 IS NOT NULL AND EXISTS (SELECT 1 FROM first_cell)
            ON CONFLICT (key) DO UPDATE SET tat = greatest(c.tat, @now) + @i2
            WHERE greatest(c.tat, @now) + @i2 <= @now + @w2
            RETURNING 1)
        SELECT EXISTS (SELECT 1 FROM first_cell),
               EXISTS (SELECT 1 FROM second_cell),
               (SELECT tat FROM rate_limit_cells WHERE key = @k1),
               (SELECT tat FROM rate_limit_cells WHERE key = @k2);
        """;

    /// <summary>
    /// Counts one command against <paramref name="first"/> and, when that admits it, <paramref name="second"/>; null
    /// when both admit. Throws <see cref="NpgsqlException"/> (or <see cref="FeedbackStorageException"/>) when the
    /// database cannot be used.
    /// </summary>
    public async Task<RateCellRefusal?> TakeAsync(RateCell first, RateCell? second, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(first);
        var now = time.GetUtcNow().ToUniversalTime();
        await using var connection = await store.OpenAsync(ct);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("k1", first.Key);
        command.Parameters.AddWithValue("i1", first.Interval);
        command.Parameters.AddWithValue("w1", first.Window);
        command.Parameters.Add(new NpgsqlParameter<string?>("k2", NpgsqlDbType.Text) { TypedValue = second?.Key });
        command.Parameters.AddWithValue("i2", second?.Interval ?? TimeSpan.Zero);
        command.Parameters.AddWithValue("w2", second?.Window ?? TimeSpan.Zero);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct); // a SELECT without FROM returns exactly one row
        if (!reader.GetBoolean(0))
        {
            return new RateCellRefusal(0, RetryAfter(reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2), first, now));
        }

        if (second is not null && !reader.GetBoolean(1))
        {
            return new RateCellRefusal(1, RetryAfter(reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), second, now));
        }

        return null;
    }

    /// <summary>When the cell admits again: once <c>tat + interval − window</c> has passed (at least a second).</summary>
    private static TimeSpan RetryAfter(DateTimeOffset? tat, RateCell cell, DateTimeOffset now)
    {
        var wait = tat is { } t ? t + cell.Interval - cell.Window - now : TimeSpan.Zero;
        return wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1);
    }
}
