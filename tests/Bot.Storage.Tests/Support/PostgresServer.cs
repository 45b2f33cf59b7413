using Npgsql;

namespace Bot.Storage.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests may use: the connection string in <c>BOT_TEST_POSTGRES</c> (written by
/// <c>.ci/postgres.sh</c>), probed once per run. <see cref="SkipReason"/> says why PostgreSQL tests are skipped.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "BOT_TEST_POSTGRES";

    private static readonly Lazy<string?> Probe = new(ProbeServer);

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);

    /// <summary><see langword="null"/> when a server answered; otherwise the notice shown on every skipped test.</summary>
    public static string? SkipReason => Probe.Value;

    private static string? ProbeServer()
    {
        var connectionString = ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return $"PostgreSQL not tested: {Variable} is not set (run .ci/postgres.sh FILE and source FILE to start a server on 127.0.0.1).";
        }

        string where = "?";
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5, Pooling = false };
            where = $"{builder.Host}:{builder.Port}";
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT 1", connection);
            command.ExecuteScalar();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException)
        {
            return $"PostgreSQL not tested: no server answered at {where} from {Variable} ({e.GetType().Name}: {e.Message}).";
        }
    }
}
