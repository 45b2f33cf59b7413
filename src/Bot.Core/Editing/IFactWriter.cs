namespace Bot.Core.Editing;

/// <summary>
/// Writes a moderator's change to the fact base and lists recent changes. One implementation writes to the fact
/// folder and keeps an audit row; with <c>Facts:Git:Url</c> set, another commits with the moderator as author and
/// pushes. Either way the change must be valid for the loader before anything is written, and live on this replica
/// within 2 s of a successful write.
/// </summary>
public interface IFactWriter
{
    /// <summary>
    /// Applies every edit to the current files, validates the resulting folder as the loader would, and writes it
    /// all or nothing. An edit that no longer applies (someone changed the file meanwhile) or a result the loader
    /// refuses is reported in <see cref="FactWriteResult.Problems"/> and nothing is written.
    /// </summary>
    Task<FactWriteResult> WriteAsync(FactChange change, CancellationToken cancellationToken);

    /// <summary>The latest changes, newest first (at most <paramref name="count"/>).</summary>
    Task<IReadOnlyList<FactHistoryEntry>> HistoryAsync(int count, CancellationToken cancellationToken);
}

/// <summary>One change: a one-line description (the commit message), who made it, and the files it touches.</summary>
public sealed record FactChange(string Message, FactAuthor Author, IReadOnlyList<FactFileEdit> Edits);

/// <summary>The moderator behind a change, as the chat platform knows them.</summary>
public sealed record FactAuthor(string DisplayName, string Platform, string UserId);

/// <summary>
/// An edit of one file, path relative to the fact folder with forward slashes (e.g. <c>events/2026-03-01-x.yaml</c>).
/// <see cref="Apply"/> gets the file's current text (null when it does not exist) and returns its new text; it throws
/// <see cref="FactEditConflictException"/> when the edit no longer applies. A writer may call it again on newer text,
/// e.g. after rebasing on someone else's push, so it must not have side effects.
/// </summary>
public sealed record FactFileEdit(string RelativePath, Func<string?, string> Apply);

/// <summary>The outcome of a write: the commit (short sha) when git is used, or the problems that stopped it.</summary>
public sealed record FactWriteResult(bool Written, string? Commit, IReadOnlyList<string> Problems);

/// <summary>One past change, for <c>/facts history</c>.</summary>
public sealed record FactHistoryEntry(DateTimeOffset When, string Author, string Message, string? Commit);

/// <summary>An edit that no longer applies to the file as it is now.</summary>
public sealed class FactEditConflictException(string message) : Exception(message);
