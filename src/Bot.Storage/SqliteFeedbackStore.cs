using System.Globalization;
using Bot.Core.Editing;
using Bot.Core.Feedback;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Bot.Storage;

/// <summary>
/// The embedded default: <c>feedback.db</c> in a data folder (created on first use), WAL journal, full sync on
/// commit (a receipt is shown only for a report on disk), busy timeout for concurrent writers. Migrations run once,
/// on first use, inside an immediate transaction, so two processes starting together apply each step once.
/// </summary>
internal sealed class SqliteFeedbackStore : IFeedbackStore, IFactChangeLog, IFeedbackMaintenance, IDisposable
{
    public const string FileName = "feedback.db";

    private const int BusyTimeoutMilliseconds = 10_000;

    private static readonly IReadOnlyList<Migration> Migrations = Migration.Checked(
        new Migration(1, "community reports and unanswered questions", """
            CREATE TABLE community_reports (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                text TEXT NOT NULL,
                about TEXT NULL,
                platform TEXT NOT NULL,
                created_at TEXT NOT NULL,
                resolved_at TEXT NULL,
                resolution_note TEXT NULL
            );
            CREATE INDEX community_reports_open ON community_reports (created_at DESC, id DESC) WHERE resolved_at IS NULL;
            CREATE TABLE unanswered_questions (
                normalized_text TEXT NOT NULL PRIMARY KEY,
                ask_count INTEGER NOT NULL,
                first_seen TEXT NOT NULL,
                last_seen TEXT NOT NULL
            );
            CREATE INDEX unanswered_questions_top ON unanswered_questions (ask_count DESC, last_seen DESC);
            """),
        new Migration(2, "the audit of fact changes made from chat", """
            CREATE TABLE fact_changes (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                changed_at TEXT NOT NULL,
                author TEXT NOT NULL,
                platform TEXT NOT NULL,
                user_id TEXT NOT NULL,
                message TEXT NOT NULL,
                commit_sha TEXT NULL
            );
            CREATE INDEX fact_changes_recent ON fact_changes (changed_at DESC, id DESC);
            """));

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _initialization = new(1, 1);
    private volatile bool _initialized;

    public SqliteFeedbackStore(string dataFolder, TimeProvider time, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        DataFolder = Path.GetFullPath(dataFolder);
        DatabasePath = Path.Combine(DataFolder, FileName);
        _time = time;
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
    }

    public string DataFolder { get; }

    public string DatabasePath { get; }

    internal static int LatestVersion => Migrations.Count;

    public async Task<long> AddReportAsync(string text, string? about, string platform, CancellationToken ct)
    {
        var report = FeedbackArguments.Report(text, about, platform);
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO community_reports (text, about, platform, created_at)
            VALUES ($text, $about, $platform, $now)
            RETURNING id;
            """;
        command.Parameters.AddWithValue("$text", report.Text);
        command.Parameters.AddWithValue("$about", (object?)report.About ?? DBNull.Value);
        command.Parameters.AddWithValue("$platform", report.Platform);
        command.Parameters.AddWithValue("$now", Format(_time.GetUtcNow()));
        // autocommit: the statement's implicit transaction is committed (and synced, synchronous=FULL) before it returns
        var id = await command.ExecuteScalarAsync(ct);
        return Convert.ToInt64(id, CultureInfo.InvariantCulture);
    }

    public async Task RecordChangeAsync(FactAuthor author, string message, string? commit, CancellationToken ct)
    {
        var clean = IFactChangeLog.Clean(author, message);
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO fact_changes (changed_at, author, platform, user_id, message, commit_sha)
            VALUES ($now, $author, $platform, $user, $message, $commit);
            """;
        command.Parameters.AddWithValue("$now", Format(_time.GetUtcNow()));
        command.Parameters.AddWithValue("$author", clean.Author);
        command.Parameters.AddWithValue("$platform", clean.Platform);
        command.Parameters.AddWithValue("$user", clean.UserId);
        command.Parameters.AddWithValue("$message", clean.Message);
        command.Parameters.AddWithValue("$commit", (object?)commit ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<FactHistoryEntry>> RecentChangesAsync(int limit, CancellationToken ct)
    {
        FeedbackArguments.Limit(limit);
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT changed_at, author, message, commit_sha FROM fact_changes
            ORDER BY changed_at DESC, id DESC
            LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$limit", FeedbackArguments.Clamp(limit));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var entries = new List<FactHistoryEntry>();
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new FactHistoryEntry(Parse(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return entries;
    }

    public async Task<IReadOnlyList<CommunityReport>> OpenReportsAsync(int limit, CancellationToken ct)
    {
        FeedbackArguments.Limit(limit);
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, text, about, platform, created_at, resolved_at, resolution_note
            FROM community_reports
            WHERE resolved_at IS NULL
            ORDER BY created_at DESC, id DESC
            LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$limit", FeedbackArguments.Clamp(limit));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var reports = new List<CommunityReport>();
        while (await reader.ReadAsync(ct))
        {
            reports.Add(new CommunityReport(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                Parse(reader.GetString(4)),
                reader.IsDBNull(5) ? null : Parse(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return reports;
    }

    public async Task<bool> ResolveReportAsync(long id, string? note, CancellationToken ct)
    {
        var cleanNote = FeedbackArguments.Note(note);
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE community_reports SET resolved_at = $now, resolution_note = $note
            WHERE id = $id AND resolved_at IS NULL;
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$note", (object?)cleanNote ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", Format(_time.GetUtcNow()));
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task RecordUnansweredAsync(string question, CancellationToken ct)
    {
        var key = QuestionNormalizer.Normalize(question);
        if (key.Length == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // one atomic upsert: concurrent writers each add exactly one
        command.CommandText = """
            INSERT INTO unanswered_questions (normalized_text, ask_count, first_seen, last_seen)
            VALUES ($key, 1, $now, $now)
            ON CONFLICT (normalized_text) DO UPDATE SET
                ask_count = ask_count + 1,
                first_seen = min(first_seen, excluded.first_seen),
                last_seen = max(last_seen, excluded.last_seen);
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", Format(_time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<UnansweredQuestion>> TopUnansweredAsync(int limit, CancellationToken ct)
    {
        FeedbackArguments.Limit(limit);
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT normalized_text, ask_count, first_seen, last_seen
            FROM unanswered_questions
            ORDER BY ask_count DESC, last_seen DESC, normalized_text
            LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$limit", FeedbackArguments.Clamp(limit));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var questions = new List<UnansweredQuestion>();
        while (await reader.ReadAsync(ct))
        {
            questions.Add(new UnansweredQuestion(
                reader.GetString(0),
                reader.GetInt32(1),
                Parse(reader.GetString(2)),
                Parse(reader.GetString(3))));
        }

        return questions;
    }

    /// <summary>The schema version of the database file (applying migrations first).</summary>
    public async Task<int> SchemaVersionAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await ReadVersionAsync(connection, null, ct);
    }

    public string Provider => "SQLite";

    public async Task MigrateAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await OpenAsync(ct);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new FeedbackStorageException(
                $"Storage: cannot create or open the SQLite database {DatabasePath} ({e.GetType().Name}: {e.Message}). Storage:DataPath must name a folder the bot may create and write.",
                e);
        }
    }

    public async Task<RetentionSweep> SweepAsync(TimeSpan? unansweredQuestions, TimeSpan? resolvedReports, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        await using var connection = await OpenAsync(ct);
        var questions = 0;
        var reports = 0;
        if (unansweredQuestions is { } questionAge)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM unanswered_questions WHERE last_seen < $cutoff;";
            command.Parameters.AddWithValue("$cutoff", Format(now - questionAge));
            questions = await command.ExecuteNonQueryAsync(ct);
        }

        if (resolvedReports is { } reportAge)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM community_reports WHERE resolved_at IS NOT NULL AND resolved_at < $cutoff;";
            command.Parameters.AddWithValue("$cutoff", Format(now - reportAge));
            reports = await command.ExecuteNonQueryAsync(ct);
        }

        return new RetentionSweep(questions, reports);
    }

    public void Dispose()
    {
        // pooled connections keep the file open; release them so the file can be moved or deleted
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _initialization.Dispose();
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        if (!_initialized)
        {
            await InitializeAsync(ct);
        }

        return await OpenRawAsync(ct);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var pragmas = connection.CreateCommand();
            // per connection: wait for a busy writer instead of failing, and sync every commit to disk
            pragmas.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = FULL;";
            await pragmas.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync(CancellationToken ct)
    {
        await _initialization.WaitAsync(ct);
        try
        {
            if (_initialized)
            {
                return;
            }

            if (!Directory.Exists(DataFolder))
            {
                Directory.CreateDirectory(DataFolder);
                _logger.FolderCreated(DataFolder);
            }

            await using var connection = await OpenRawAsync(ct);
            await using (var wal = connection.CreateCommand())
            {
                // persistent in the file; cannot run inside a transaction
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                await wal.ExecuteNonQueryAsync(ct);
            }

            // BEGIN IMMEDIATE: the write lock is taken up front, so two processes migrate one after the other
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using (var create = connection.CreateCommand())
            {
                create.Transaction = transaction;
                create.CommandText = """
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version INTEGER NOT NULL PRIMARY KEY,
                        description TEXT NOT NULL,
                        applied_at TEXT NOT NULL
                    );
                    """;
                await create.ExecuteNonQueryAsync(ct);
            }

            var current = await ReadVersionAsync(connection, transaction, ct);
            if (current > LatestVersion)
            {
                throw Migration.TooNew(current, LatestVersion);
            }

            foreach (var migration in Migrations.Where(m => m.Version > current))
            {
                await using var step = connection.CreateCommand();
                step.Transaction = transaction;
                step.CommandText = migration.Sql + """

                    INSERT INTO schema_version (version, description, applied_at) VALUES ($version, $description, $now);
                    """;
                step.Parameters.AddWithValue("$version", migration.Version);
                step.Parameters.AddWithValue("$description", migration.Description);
                step.Parameters.AddWithValue("$now", Format(_time.GetUtcNow()));
                await step.ExecuteNonQueryAsync(ct);
                _logger.MigrationApplied(migration.Version, migration.Description);
            }

            await transaction.CommitAsync(ct);
            _logger.Ready("SQLite", DatabasePath, LatestVersion);
            _initialized = true;
        }
        finally
        {
            _initialization.Release();
        }
    }

    private static async Task<int> ReadVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    // Fixed-width UTC round-trip text ("2026-11-22T10:00:00.0000000+00:00"): readable, and sorts as it compares.
    private static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
