using Bot.Core.Editing;
using Bot.Core.Feedback;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Bot.Storage;

/// <summary>
/// PostgreSQL, for several replicas sharing one database. Tables live in the connection's current schema (the first
/// of its <c>search_path</c>). Migrations run once per process, on first use, in one transaction under an advisory
/// lock, so replicas starting together apply each step once.
/// </summary>
internal sealed class PostgresFeedbackStore : IFeedbackStore, IFactChangeLog, IFeedbackMaintenance, IDisposable, IAsyncDisposable
{
    // "botfeed" as ASCII: the advisory lock that serialises migrations between replicas
    private const long MigrationLockKey = 0x626f_7466_6565_64;

    private static readonly IReadOnlyList<Migration> Migrations = Migration.Checked(
        new Migration(1, "community reports and unanswered questions", """
            CREATE TABLE community_reports (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                text text NOT NULL,
                about text NULL,
                platform text NOT NULL,
                created_at timestamptz NOT NULL,
                resolved_at timestamptz NULL,
                resolution_note text NULL
            );
            CREATE INDEX community_reports_open ON community_reports (created_at DESC, id DESC) WHERE resolved_at IS NULL;
            CREATE TABLE unanswered_questions (
                normalized_text text NOT NULL PRIMARY KEY,
                ask_count integer NOT NULL,
                first_seen timestamptz NOT NULL,
                last_seen timestamptz NOT NULL
            );
            CREATE INDEX unanswered_questions_top ON unanswered_questions (ask_count DESC, last_seen DESC);
            """),
        new Migration(2, "shared rate-limit cells", """
            CREATE UNLOGGED TABLE rate_limit_cells (
                key text NOT NULL PRIMARY KEY,
                tat timestamptz NOT NULL
            );
            CREATE INDEX rate_limit_cells_expired ON rate_limit_cells (tat);
            """),
        new Migration(3, "the audit of fact changes made from chat", """
            CREATE TABLE fact_changes (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                changed_at timestamptz NOT NULL,
                author text NOT NULL,
                platform text NOT NULL,
                user_id text NOT NULL,
                message text NOT NULL,
                commit_sha text NULL
            );
            CREATE INDEX fact_changes_recent ON fact_changes (changed_at DESC, id DESC);
            """));

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _location;
    private readonly string? _role;
    private readonly string? _searchPath;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _initialization = new(1, 1);
    private volatile bool _initialized;

    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="time">The clock for timestamps and retention.</param>
    /// <param name="logger">Where migrations and failures are logged.</param>
    /// <param name="schema">The schema for the tables (<c>Storage:Schema</c>); null keeps the connection's search path.</param>
    public PostgresFeedbackStore(string connectionString, TimeProvider time, ILogger logger, string? schema = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrWhiteSpace(schema))
        {
            builder.SearchPath = schema.Trim();
        }

        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        _location = $"{builder.Host}:{builder.Port}/{builder.Database}"; // for logs: never the password
        _role = builder.Username;
        _searchPath = builder.SearchPath;
        _time = time;
        _logger = logger;
    }

    internal static int LatestVersion => Migrations.Count;

    public async Task<long> AddReportAsync(string text, string? about, string platform, CancellationToken ct)
    {
        var report = FeedbackArguments.Report(text, about, platform);
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO community_reports (text, about, platform, created_at)
            VALUES (@text, @about, @platform, @now)
            RETURNING id;
            """, connection);
        command.Parameters.AddWithValue("text", report.Text);
        command.Parameters.Add(new NpgsqlParameter<string?>("about", NpgsqlDbType.Text) { TypedValue = report.About });
        command.Parameters.AddWithValue("platform", report.Platform);
        command.Parameters.AddWithValue("now", _time.GetUtcNow().ToUniversalTime());
        // autocommit: the server has committed the row when the id comes back
        var id = await command.ExecuteScalarAsync(ct);
        return (long)id!; // RETURNING id of a bigint identity column: never null
    }

    public async Task RecordChangeAsync(FactAuthor author, string message, string? commit, CancellationToken ct)
    {
        var clean = IFactChangeLog.Clean(author, message);
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO fact_changes (changed_at, author, platform, user_id, message, commit_sha)
            VALUES (@now, @author, @platform, @user, @message, @commit);
            """, connection);
        command.Parameters.AddWithValue("now", _time.GetUtcNow().ToUniversalTime());
        command.Parameters.AddWithValue("author", clean.Author);
        command.Parameters.AddWithValue("platform", clean.Platform);
        command.Parameters.AddWithValue("user", clean.UserId);
        command.Parameters.AddWithValue("message", clean.Message);
        command.Parameters.Add(new NpgsqlParameter<string?>("commit", NpgsqlDbType.Text) { TypedValue = commit });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<FactHistoryEntry>> RecentChangesAsync(int limit, CancellationToken ct)
    {
        FeedbackArguments.Limit(limit);
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT changed_at, author, message, commit_sha FROM fact_changes
            ORDER BY changed_at DESC, id DESC
            LIMIT @limit;
            """, connection);
        command.Parameters.AddWithValue("limit", FeedbackArguments.Clamp(limit));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var entries = new List<FactHistoryEntry>();
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new FactHistoryEntry(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return entries;
    }

    public async Task<IReadOnlyList<CommunityReport>> OpenReportsAsync(int limit, CancellationToken ct)
    {
        FeedbackArguments.Limit(limit);
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT id, text, about, platform, created_at, resolved_at, resolution_note
            FROM community_reports
            WHERE resolved_at IS NULL
            ORDER BY created_at DESC, id DESC
            LIMIT @limit;
            """, connection);
        command.Parameters.AddWithValue("limit", FeedbackArguments.Clamp(limit));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var reports = new List<CommunityReport>();
        while (await reader.ReadAsync(ct))
        {
            reports.Add(new CommunityReport(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return reports;
    }

    public async Task<bool> ResolveReportAsync(long id, string? note, CancellationToken ct)
    {
        var cleanNote = FeedbackArguments.Note(note);
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            UPDATE community_reports SET resolved_at = @now, resolution_note = @note
            WHERE id = @id AND resolved_at IS NULL;
            """, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.Add(new NpgsqlParameter<string?>("note", NpgsqlDbType.Text) { TypedValue = cleanNote });
        command.Parameters.AddWithValue("now", _time.GetUtcNow().ToUniversalTime());
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
        // one atomic upsert: concurrent writers (any replica) each add exactly one
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO unanswered_questions AS q (normalized_text, ask_count, first_seen, last_seen)
            VALUES (@key, 1, @now, @now)
            ON CONFLICT (normalized_text) DO UPDATE SET
                ask_count = q.ask_count + 1,
                first_seen = LEAST(q.first_seen, excluded.first_seen),
                last_seen = GREATEST(q.last_seen, excluded.last_seen);
            """, connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("now", _time.GetUtcNow().ToUniversalTime());
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<UnansweredQuestion>> TopUnansweredAsync(int limit, CancellationToken ct)
    {
        FeedbackArguments.Limit(limit);
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT normalized_text, ask_count, first_seen, last_seen
            FROM unanswered_questions
            ORDER BY ask_count DESC, last_seen DESC, normalized_text
            LIMIT @limit;
            """, connection);
        command.Parameters.AddWithValue("limit", FeedbackArguments.Clamp(limit));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var questions = new List<UnansweredQuestion>();
        while (await reader.ReadAsync(ct))
        {
            questions.Add(new UnansweredQuestion(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return questions;
    }

    /// <summary>The schema version of the database (applying migrations first).</summary>
    public async Task<int> SchemaVersionAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await ReadVersionAsync(connection, null, ct);
    }

    public string Provider => "PostgreSQL";

    public async Task MigrateAsync(CancellationToken ct)
    {
        try
        {
            if (!_initialized)
            {
                await InitializeAsync(ct);
            }
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.InvalidSchemaName)
        {
            var (role, schema) = await WhoAsync(ct);
            throw new FeedbackStorageException(
                $"Storage: PostgreSQL at {_location} refused to create the bot's tables in schema '{schema}' as role '{role}' ({e.SqlState}: {e.MessageText}). " +
                $"Let the role use and create in that schema (as its owner: GRANT USAGE, CREATE ON SCHEMA {schema} TO {role};) or set Storage:Schema to an existing schema the role owns. See README \"Storage\".",
                e);
        }
        catch (NpgsqlException e)
        {
            // Npgsql's messages name the host and the user, never the password
            throw new FeedbackStorageException(
                $"Storage: cannot use PostgreSQL at {_location} ({e.GetType().Name}: {e.Message}). Check Storage:ConnectionString and that the server accepts the bot's role.",
                e);
        }
    }

    public async Task<RetentionSweep> SweepAsync(TimeSpan? unansweredQuestions, TimeSpan? resolvedReports, CancellationToken ct)
    {
        var now = _time.GetUtcNow().ToUniversalTime();
        await using var connection = await OpenAsync(ct);
        var questions = 0;
        var reports = 0;
        if (unansweredQuestions is { } questionAge)
        {
            await using var command = new NpgsqlCommand("DELETE FROM unanswered_questions WHERE last_seen < @cutoff;", connection);
            command.Parameters.AddWithValue("cutoff", now - questionAge);
            questions = await command.ExecuteNonQueryAsync(ct);
        }

        if (resolvedReports is { } reportAge)
        {
            await using var command = new NpgsqlCommand(
                "DELETE FROM community_reports WHERE resolved_at IS NOT NULL AND resolved_at < @cutoff;", connection);
            command.Parameters.AddWithValue("cutoff", now - reportAge);
            reports = await command.ExecuteNonQueryAsync(ct);
        }

        // shared rate-limit cells whose window has passed count as empty already: deleting them changes no limit
        await using (var cells = new NpgsqlCommand("DELETE FROM rate_limit_cells WHERE tat < @now;", connection))
        {
            cells.Parameters.AddWithValue("now", now);
            await cells.ExecuteNonQueryAsync(ct);
        }

        return new RetentionSweep(questions, reports);
    }

    /// <summary>The role and the schema tables would be created in, for an error message (best effort).</summary>
    private async Task<(string Role, string Schema)> WhoAsync(CancellationToken ct)
    {
        var fallback = (_role ?? "(the connection's user)", _searchPath?.Split(',')[0].Trim() is { Length: > 0 } first ? first : "public");
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(ct);
            await using var command = new NpgsqlCommand("SELECT current_user, current_schema();", connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct)
                ? (reader.GetString(0), reader.IsDBNull(1) ? fallback.Item2 : reader.GetString(1))
                : fallback;
        }
        catch (NpgsqlException)
        {
            return fallback;
        }
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _initialization.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _initialization.Dispose();
    }

    /// <summary>An open pooled connection, migrations applied (for <see cref="PostgresRateLimits"/>).</summary>
    internal async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        if (!_initialized)
        {
            await InitializeAsync(ct);
        }

        return await _dataSource.OpenConnectionAsync(ct);
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

            await using var connection = await _dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using (var setup = new NpgsqlCommand(
                """
                SELECT pg_advisory_xact_lock(@lock);
                CREATE TABLE IF NOT EXISTS schema_version (
                    version integer NOT NULL PRIMARY KEY,
                    description text NOT NULL,
                    applied_at timestamptz NOT NULL
                );
                """, connection, transaction))
            {
                setup.Parameters.AddWithValue("lock", MigrationLockKey);
                await setup.ExecuteNonQueryAsync(ct);
            }

            var current = await ReadVersionAsync(connection, transaction, ct);
            if (current > LatestVersion)
            {
                throw Migration.TooNew(current, LatestVersion);
            }

            foreach (var migration in Migrations.Where(m => m.Version > current))
            {
                await using (var step = new NpgsqlCommand(migration.Sql, connection, transaction))
                {
                    await step.ExecuteNonQueryAsync(ct);
                }

                await using (var record = new NpgsqlCommand(
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (@version, @description, @now);",
                    connection,
                    transaction))
                {
                    record.Parameters.AddWithValue("version", migration.Version);
                    record.Parameters.AddWithValue("description", migration.Description);
                    record.Parameters.AddWithValue("now", _time.GetUtcNow().ToUniversalTime());
                    await record.ExecuteNonQueryAsync(ct);
                }

                _logger.MigrationApplied(migration.Version, migration.Description);
            }

            await transaction.CommitAsync(ct);
            _logger.Ready("PostgreSQL", _location, LatestVersion);
            _initialized = true;
        }
        finally
        {
            _initialization.Release();
        }
    }

    private static async Task<int> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version;", connection, transaction);
        return (int)(await command.ExecuteScalarAsync(ct))!; // coalesce(max(integer), 0) is never null
    }
}
