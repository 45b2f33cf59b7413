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

    internal bool IsPostgres => string.Equals(Provider?.Trim(), Postgres, StringComparison.OrdinalIgnoreCase);
}
