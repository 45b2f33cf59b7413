namespace Bot.Storage;

/// <summary>
/// Configuration section <c>Storage</c>: where community reports and the unanswered-questions log are kept.
/// SQLite (a file under <see cref="DataPath"/>) by default; PostgreSQL when <see cref="Provider"/> is <c>postgres</c>,
/// for several replicas sharing one database. The connection string is a secret: environment or user-secrets only.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    public const string DefaultDataPath = "data";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// SQLite only: the folder holding <c>feedback.db</c>, relative to the content root unless absolute; created on
    /// first use.
    /// </summary>
    public string DataPath { get; set; } = DefaultDataPath;

    /// <summary>PostgreSQL only: an Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// PostgreSQL only: the schema the bot's tables live in (it must exist; the role needs USAGE and CREATE on it).
    /// Unset: the connection's current schema (the first of its <c>search_path</c>, usually <c>public</c>).
    /// </summary>
    public string? Schema { get; set; }

    /// <summary>How long feedback is kept; a daily sweep deletes older rows.</summary>
    public StorageRetentionOptions Retention { get; set; } = new();

    internal bool IsPostgres => string.Equals(Provider?.Trim(), Postgres, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Configuration section <c>Storage:Retention</c>: how many days feedback is kept (0 keeps it forever). Open reports are
/// never deleted.
/// </summary>
public sealed class StorageRetentionOptions
{
    public const int MaxDays = 36_500;

    /// <summary>An unanswered question not asked again for this many days is deleted (default 90).</summary>
    public int UnansweredQuestionDays { get; set; } = 90;

    /// <summary>A report resolved this many days ago is deleted (default 365).</summary>
    public int ResolvedReportDays { get; set; } = 365;

    internal TimeSpan? UnansweredQuestions => UnansweredQuestionDays > 0 ? TimeSpan.FromDays(UnansweredQuestionDays) : null;

    internal TimeSpan? ResolvedReports => ResolvedReportDays > 0 ? TimeSpan.FromDays(ResolvedReportDays) : null;
}
