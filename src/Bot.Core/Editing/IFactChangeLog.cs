namespace Bot.Core.Editing;

/// <summary>
/// The audit of changes made from chat (who, when, what), kept in the bot's database. The folder writer records every
/// change it writes here and answers <c>/facts history</c> from it. Implementations are thread-safe singletons.
/// </summary>
public interface IFactChangeLog
{
    /// <summary>The longest message and author name kept; longer ones are cut.</summary>
    public const int MaxMessageLength = 500;

    public const int MaxAuthorLength = 100;

    /// <summary>Records one written change, stamped with the store's clock; committed before the task completes.</summary>
    Task RecordChangeAsync(FactAuthor author, string message, string? commit, CancellationToken ct);

    /// <summary>The latest changes, newest first, at most <paramref name="limit"/> (positive).</summary>
    Task<IReadOnlyList<FactHistoryEntry>> RecentChangesAsync(int limit, CancellationToken ct);

    /// <summary>Arguments cut to what the log keeps.</summary>
    public static (string Author, string Platform, string UserId, string Message) Clean(FactAuthor author, string message)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
        return (Cut(author.DisplayName, MaxAuthorLength), Cut(author.Platform, 32), Cut(author.UserId, 64), Cut(message, MaxMessageLength));
    }
}
