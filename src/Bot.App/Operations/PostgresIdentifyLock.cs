using Bot.Discord.Gateway;
using Bot.Storage;
using Npgsql;

namespace Bot.App.Operations;

/// <summary>
/// The Gateway identify buckets kept across processes with a PostgreSQL session advisory lock per
/// <c>max_concurrency</c> bucket (<c>pg_advisory_lock</c>, waiting while another process holds it). When the database
/// fails, this process identifies under its own spacing only, and says so in the log.
/// </summary>
internal sealed partial class PostgresIdentifyLock(PostgresFeedbackStore store, ILogger<PostgresIdentifyLock> logger) : IIdentifyLock
{
    // "botid" as ASCII, shifted: bucket n locks BaseKey + n
    private const long BaseKey = 0x626f_7469_6400_0000;

    public async Task<IAsyncDisposable> AcquireAsync(int bucket, CancellationToken cancellationToken)
    {
        NpgsqlConnection? connection = null;
        try
        {
            connection = await store.OpenAsync(cancellationToken);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
            {
                command.Parameters.AddWithValue("key", BaseKey + bucket);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return new Held(connection, BaseKey + bucket);
        }
        catch (Exception e) when (e is NpgsqlException or FeedbackStorageException or TimeoutException)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            Log.Unshared(logger, bucket, e is PostgresException postgres ? postgres.SqlState : e.GetType().Name);
            return NotHeld.Instance;
        }
    }

    private sealed class Held(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException)
            {
                // a broken connection: the server drops its session locks with it
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class NotHeld : IAsyncDisposable
    {
        public static readonly NotHeld Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(4042, LogLevel.Warning, "Discord Gateway: the shared identify lock of bucket {Bucket} failed ({Reason}); identifying with this process's spacing only")]
        public static partial void Unshared(ILogger logger, int bucket, string reason);
    }
}
