using Bot.Core.Feedback;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Storage.Tests;

/// <summary>The storage contract on SQLite, each test in its own not-yet-existing data folder.</summary>
public sealed class SqliteFeedbackStoreTests : FeedbackStoreContract
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "bot-storage-" + Guid.NewGuid().ToString("N"));

    private string DataFolder => Path.Combine(_root, "nested", "data");

    protected override Task<IFeedbackStore> CreateStoreAsync(TimeProvider time) =>
        Task.FromResult<IFeedbackStore>(new SqliteFeedbackStore(DataFolder, time, NullLogger.Instance));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task First_use_creates_the_data_folder_and_a_WAL_database_at_the_latest_schema()
    {
        var store = (SqliteFeedbackStore)await OpenAsync();
        Assert.False(Directory.Exists(DataFolder));

        Assert.Equal(SqliteFeedbackStore.LatestVersion, await store.SchemaVersionAsync(Ct));

        Assert.True(File.Exists(Path.Combine(DataFolder, SqliteFeedbackStore.FileName)));
        await using var connection = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode; ";
        Assert.Equal("wal", await command.ExecuteScalarAsync(Ct));
        command.CommandText = "SELECT count(*) FROM schema_version;";
        Assert.Equal((long)SqliteFeedbackStore.LatestVersion, await command.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task A_database_from_a_newer_build_is_refused_with_an_explanation()
    {
        var store = (SqliteFeedbackStore)await OpenAsync();
        await store.SchemaVersionAsync(Ct);
        await using (var connection = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', '2030-01-01');";
            await command.ExecuteNonQueryAsync(Ct);
        }

        await CloseAsync(store);
        var reopened = await OpenAsync();

        var error = await Assert.ThrowsAsync<FeedbackStorageException>(() => reopened.OpenReportsAsync(1, Ct));
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }
}
