namespace Bot.Core.Feedback;

/// <summary>
/// Where community reports and the unanswered-questions log live (a database in production). Every write is committed
/// before the returned task completes, and concurrent callers (threads, processes or replicas) lose nothing.
/// Implementations are thread-safe singletons.
/// </summary>
public interface IFeedbackStore
{
    /// <summary>
    /// Stores a report and returns its receipt number (increasing). <paramref name="text"/> must not be blank and at most
    /// <see cref="CommunityReport.MaxTextLength"/> characters; <paramref name="about"/> at most
    /// <see cref="CommunityReport.MaxAboutLength"/>; <paramref name="platform"/> (e.g. <c>discord</c>) not blank and at
    /// most <see cref="CommunityReport.MaxPlatformLength"/>. Otherwise <see cref="ArgumentException"/>.
    /// </summary>
    Task<long> AddReportAsync(string text, string? about, string platform, CancellationToken ct);

    /// <summary>Unresolved reports, newest first, at most <paramref name="limit"/> (positive).</summary>
    Task<IReadOnlyList<CommunityReport>> OpenReportsAsync(int limit, CancellationToken ct);

    /// <summary>
    /// Marks an open report resolved with an optional note (at most <see cref="CommunityReport.MaxNoteLength"/>).
    /// Returns <see langword="false"/> when no open report has that number (unknown or already resolved).
    /// </summary>
    Task<bool> ResolveReportAsync(long id, string? note, CancellationToken ct);

    /// <summary>
    /// Counts one more asking of a question the bot could not answer, under its <see cref="QuestionNormalizer"/> key.
    /// A question that normalizes to nothing is ignored. No user id is stored.
    /// </summary>
    Task RecordUnansweredAsync(string question, CancellationToken ct);

    /// <summary>The most asked unanswered questions: highest count first, then most recently seen; at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<UnansweredQuestion>> TopUnansweredAsync(int limit, CancellationToken ct);
}
