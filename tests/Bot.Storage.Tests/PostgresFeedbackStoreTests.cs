using Bot.Core.Feedback;
using Bot.Storage.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Bot.Storage.Tests;

/// <summary>
/// The storage contract on PostgreSQL (<c>BOT_TEST_POSTGRES</c>), each test in its own schema of the run's database.
/// Skipped with a notice when no server answers.
/// </summary>
[RequiresPostgres]
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresFeedbackStoreTests(PostgresDatabase database) : FeedbackStoreContract
{
    private string? _connectionString;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (PostgresServer.SkipReason is null)
        {
            _connectionString = await database.NewSchemaAsync();
        }
    }

    protected override Task<IFeedbackStore> CreateStoreAsync(TimeProvider time) =>
        Task.FromResult<IFeedbackStore>(new PostgresFeedbackStore(ConnectionString, time, NullLogger.Instance));

    private string ConnectionString => _connectionString ?? throw new InvalidOperationException(PostgresServer.SkipReason);

    [PostgresFact]
    public async Task Tables_are_created_in_the_connections_schema_at_the_latest_version()
    {
        var store = (PostgresFeedbackStore)await OpenAsync();

        Assert.Equal(PostgresFeedbackStore.LatestVersion, await store.SchemaVersionAsync(Ct));

        var schema = new NpgsqlConnectionStringBuilder(ConnectionString).SearchPath;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = @schema",
            connection);
        command.Parameters.AddWithValue("schema", schema!);
        Assert.Equal("community_reports,schema_version,unanswered_questions", await command.ExecuteScalarAsync(Ct));
    }
}
