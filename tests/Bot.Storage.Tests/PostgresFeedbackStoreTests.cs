using Bot.Core.Feedback;
using Bot.Storage.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
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
        Assert.Equal("community_reports,fact_changes,rate_limit_cells,schema_version,unanswered_questions", await command.ExecuteScalarAsync(Ct));
    }

    [PostgresFact]
    public async Task A_role_that_may_not_create_tables_in_the_schema_stops_start_up_with_the_reason_and_the_fix()
    {
        var schema = new NpgsqlConnectionStringBuilder(ConnectionString).SearchPath!;
        var role = new NpgsqlConnectionStringBuilder(ConnectionString).Username!;
        await ExecuteAsync($"REVOKE CREATE ON SCHEMA \"{schema}\" FROM \"{role}\""); // as PostgreSQL 15 does on public for a non-owner
        using var host = StorageHost(new() { ["Storage:Provider"] = "postgres", ["Storage:ConnectionString"] = ConnectionString });

        var failure = await Assert.ThrowsAsync<FeedbackStorageException>(() => host.StartAsync(Ct));

        Assert.Contains("permission denied for schema " + schema, failure.Message, StringComparison.Ordinal);
        Assert.Contains($"GRANT USAGE, CREATE ON SCHEMA {schema} TO {role};", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:Schema", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(ConnectionString).Password!, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message); // one line
    }

    [PostgresFact]
    public async Task Storage_schema_puts_the_tables_in_that_schema_at_start_up_and_healthz_reports_them()
    {
        var target = new NpgsqlConnectionStringBuilder(ConnectionString).SearchPath!;
        var withoutSearchPath = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = null }.ConnectionString;
        using var host = StorageHost(new()
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = withoutSearchPath,
            ["Storage:Schema"] = target,
        });

        await host.StartAsync(Ct);

        Assert.Equal(5L, await ScalarAsync($"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{target}'"));
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);
        var storage = health.Entries[FeedbackStorageHealthCheck.Name];
        Assert.Equal(HealthStatus.Healthy, storage.Status);
        Assert.Equal("PostgreSQL", storage.Data["provider"]);
        Assert.Equal(PostgresFeedbackStore.LatestVersion, storage.Data["schemaVersion"]);
        await host.StopAsync(Ct);
    }

    private static IHost StorageHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddFeedbackStorage(builder.Configuration);
        return builder.Build();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }
}
