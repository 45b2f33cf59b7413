using System.Text;
using Bot.Core.Editing;
using Bot.Core.Loading;
using LibGit2Sharp;
using Microsoft.Extensions.Options;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Bot.App.Facts.Git;

/// <summary>
/// Writes moderators' changes as commits on the fact repository's branch, from its own working copy
/// (<see cref="GitFactPaths.Work"/>): fetch, reset to the branch, apply the edits, validate the fact folder as the
/// loader does, commit with the moderator as author, push. When the push is refused because someone pushed meanwhile,
/// it starts once more from the new branch (the edits are applied again to the newer text); a second refusal is
/// reported. Whatever fails, the working copy is reset to the branch, so nothing half-written stays behind. After a
/// push the serving checkout fetches at once, so the change is live on this replica within moments.
/// </summary>
internal sealed partial class GitFactWriter(
    GitFactSource source,
    GitFactPaths paths,
    FactBaseLoader loader,
    IOptions<FactsOptions> options,
    TimeProvider time,
    ILogger<GitFactWriter> logger) : IFactWriter, IDisposable
{
    private const int Attempts = 2;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly GitRemote _remote = new(options.Value.Git);

    public async Task<FactWriteResult> WriteAsync(FactChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await _gate.WaitAsync(cancellationToken);
        FactWriteResult result;
        try
        {
            result = await Task.Run(() => Write(change, cancellationToken), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }

        if (result.Written)
        {
            try
            {
                await source.SyncAsync(cancellationToken); // live here now, not at the next poll
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LibGit2SharpException)
            {
                Log.SyncAfterPushFailed(logger, _remote.Redact(ex.Message)); // pushed all the same: the next poll serves it
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<FactHistoryEntry>> HistoryAsync(int count, CancellationToken cancellationToken)
    {
        var commits = await source.HistoryAsync(count, cancellationToken);
        return [.. commits.Select(c => new FactHistoryEntry(c.When, c.Author, c.Message, c.Short))];
    }

    private FactWriteResult Write(FactChange change, CancellationToken cancellationToken)
    {
        if (change.Edits.FirstOrDefault(e => !IsFactPath(e.RelativePath)) is { } outside)
        {
            return Refused($"'{outside.RelativePath}' is not a path inside the fact folder.");
        }

        Repository repo;
        try
        {
            repo = _remote.OpenOrClone(paths.Work, cancellationToken);
        }
        catch (GitOperationException ex)
        {
            return Refused($"The fact repository cannot be reached: {ex.Message}.");
        }

        using (repo)
        {
            string? lastProblem = null;
            for (var attempt = 1; attempt <= Attempts; attempt++)
            {
                Commit tip;
                try
                {
                    tip = _remote.Fetch(repo, cancellationToken);
                }
                catch (GitOperationException ex)
                {
                    return Refused($"The fact repository cannot be reached: {ex.Message}.");
                }

                try
                {
                    GitRemote.ResetTo(repo, tip);
                    if (Apply(repo, change) is { } refusal)
                    {
                        GitRemote.ResetTo(repo, tip);
                        return refusal;
                    }

                    var author = Author(change.Author);
                    var commit = repo.Commit(Message(change.Message), author, author, new CommitOptions());
                    try
                    {
                        _remote.Push(repo, cancellationToken);
                    }
                    catch (GitOperationException ex)
                    {
                        lastProblem = ex.Message;
                        Log.PushRefused(logger, attempt, ex.Message);
                        GitRemote.ResetTo(repo, tip); // the local commit goes; the next attempt starts from the new branch
                        continue;
                    }

                    Log.Pushed(logger, commit.Sha[..7], author.Name);
                    return new FactWriteResult(true, commit.Sha[..7], []);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LibGit2SharpException)
                {
                    GitRemote.ResetTo(repo, tip);
                    return Refused($"The change could not be written: {_remote.Redact(ex.Message)}.");
                }
            }

            return Refused($"The change was not saved: the fact repository refused it twice ({lastProblem}). Someone may be pushing at the same time; try again.");
        }
    }

    /// <summary>Writes each edit into the working copy and validates the fact folder; the refusal, or null when it is good.</summary>
    private FactWriteResult? Apply(Repository repo, FactChange change)
    {
        var folder = paths.FactsIn(paths.Work);
        var touched = new List<string>();
        foreach (var edit in change.Edits)
        {
            var file = Path.Combine(folder, edit.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            var current = File.Exists(file) ? File.ReadAllText(file) : null;
            string updated;
            try
            {
                updated = edit.Apply(current);
            }
            catch (FactEditConflictException conflict)
            {
                return Refused(conflict.Message);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, updated, Utf8NoBom);
            touched.Add(Path.GetRelativePath(paths.Work, file).Replace(Path.DirectorySeparatorChar, '/'));
        }

        var report = loader.Load(folder, displayRoot: "");
        if (report.HasErrors)
        {
            return new FactWriteResult(false, null, [.. report.Errors.Select(e => e.ToString())]);
        }

        Commands.Stage(repo, touched);
        return repo.RetrieveStatus(new StatusOptions()).IsDirty
            ? null
            : Refused("The change leaves the files as they are: nothing to save.");
    }

    /// <summary>
    /// The moderator as git author: their display name, and <c>&lt;user id&gt;@&lt;platform&gt;.users.noreply</c> as
    /// the address (a made-up domain that names the account without exposing anything about the person).
    /// </summary>
    internal Signature Author(FactAuthor author)
    {
        var name = Clean(author.DisplayName, allowSpaces: true);
        var user = Clean(author.UserId, allowSpaces: false);
        var platform = Clean(author.Platform, allowSpaces: false).ToLowerInvariant();
        return new Signature(
            name.Length > 0 ? name : user.Length > 0 ? user : "moderator",
            $"{(user.Length > 0 ? user : "unknown")}@{(platform.Length > 0 ? platform : "chat")}.users.noreply",
            time.GetUtcNow());
    }

    /// <summary>Keeps what a git signature may hold: no angle brackets, control characters or line breaks, at most 100 characters.</summary>
    private static string Clean(string text, bool allowSpaces)
    {
        var builder = new StringBuilder();
        foreach (var c in text ?? "")
        {
            if (c is '<' or '>' or '@' || char.IsControl(c) || (!allowSpaces && !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.')))
            {
                continue;
            }

            builder.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }

        var clean = builder.ToString().Trim();
        return clean.Length > 100 ? clean[..100] : clean;
    }

    private static string Message(string message) =>
        string.IsNullOrWhiteSpace(message) ? "Edit facts from chat\n" : message.TrimEnd() + "\n";

    private static bool IsFactPath(string relative) =>
        relative.Length > 0
        && !Path.IsPathRooted(relative)
        && !relative.Contains('\\', StringComparison.Ordinal)
        && relative.Split('/').All(part => part.Length > 0 && part != "." && part != "..");

    private static FactWriteResult Refused(string problem) => new(false, null, [problem]);

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public void Dispose() => _gate.Dispose();

    private static partial class Log
    {
        [LoggerMessage(4047, LogLevel.Information, "Fact change pushed as commit {Commit} by {Author}")]
        public static partial void Pushed(ILogger logger, string commit, string author);

        [LoggerMessage(4048, LogLevel.Warning, "Pushing a fact change was refused (attempt {Attempt}): {Problem}")]
        public static partial void PushRefused(ILogger logger, int attempt, string problem);

        [LoggerMessage(4049, LogLevel.Warning, "A fact change was pushed but the serving checkout could not update at once ({Problem}); the next poll serves it")]
        public static partial void SyncAfterPushFailed(ILogger logger, string problem);
    }
}
