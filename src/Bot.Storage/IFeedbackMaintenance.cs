namespace Bot.Storage;

/// <summary>How many rows one retention sweep removed.</summary>
internal sealed record RetentionSweep(int UnansweredQuestions, int ResolvedReports);

/// <summary>
/// What the host does to a feedback store besides the bot's own reads and writes: migrate it at start-up, check it for
/// /healthz, and sweep out rows older than the retention settings.
/// </summary>
internal interface IFeedbackMaintenance
{
    /// <summary><c>SQLite</c> or <c>PostgreSQL</c>.</summary>
    string Provider { get; }

    /// <summary>
    /// Applies the migrations now. Throws <see cref="FeedbackStorageException"/> with the reason and the fix when the
    /// database cannot be used (unreachable, no permission to create tables, newer schema).
    /// </summary>
    Task MigrateAsync(CancellationToken ct);

    /// <summary>The schema version of the database (applying migrations first).</summary>
    Task<int> SchemaVersionAsync(CancellationToken ct);

    /// <summary>
    /// Deletes unanswered questions last asked before now − <paramref name="unansweredQuestions"/> and reports resolved
    /// before now − <paramref name="resolvedReports"/> (now from the store's clock). Null keeps that kind forever.
    /// Open reports are never deleted.
    /// </summary>
    Task<RetentionSweep> SweepAsync(TimeSpan? unansweredQuestions, TimeSpan? resolvedReports, CancellationToken ct);
}
