using Npgsql;

namespace Bot.Storage.Tests.Support;

[CollectionDefinition(Name)]
public sealed class PostgresTestGroup : ICollectionFixture<PostgresDatabase>
{
    public const string Name = "PostgreSQL";
}

/// <summary>
/// One database per test run (<c>bot_storage_test_…</c>), created on the server from <see cref="PostgresServer"/>
/// and dropped at the end; each test gets its own schema in it. Does nothing when no server answers.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private readonly string _name = $"bot_storage_test_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid():N}"[..60];
    private string? _connectionString;

    public async Task InitializeAsync()
    {
        if (PostgresServer.SkipReason is not null)
        {
            return;
        }

        await using (var server = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", server);
            await create.ExecuteNonQueryAsync();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = _name }.ConnectionString;
    }

    /// <summary>A fresh, empty schema in the run's database; the returned connection string has it as search path.</summary>
    public async Task<string> NewSchemaAsync()
    {
        var connectionString = _connectionString ?? throw new InvalidOperationException(PostgresServer.SkipReason ?? "The test database was not created.");
        var schema = $"t_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA \"{schema}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_connectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(PostgresServer.ConnectionString);
        await server.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", server);
        await drop.ExecuteNonQueryAsync();
    }
}
