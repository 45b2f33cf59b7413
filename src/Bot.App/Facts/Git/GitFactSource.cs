using Bot.Core.Loading;
using LibGit2Sharp;
using Microsoft.Extensions.Options;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Bot.App.Facts.Git;

/// <summary>
/// Serves the fact base from a git branch. The serving checkout (<see cref="GitFactPaths.Serve"/>) stays at the last
/// good commit, and <see cref="FactStore"/> loads the fact folder inside it as it would any folder. A new commit is
/// checked out and loaded like a reload: a good one is served (named by its short sha), a bad one is refused (its
/// commit, author and diagnostics are kept for /healthz) and the checkout goes back to the last good commit, which
/// keeps serving. One git operation at a time.
/// </summary>
internal sealed partial class GitFactSource(
    FactStore store,
    GitFactPaths paths,
    IOptions<FactsOptions> options,
    ILogger<GitFactSource> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0);
    private readonly GitRemote _remote = new(options.Value.Git);
    private string? _lastTried;

    /// <summary>The commit being served.</summary>
    public GitCommitInfo? Serving { get; private set; }

    /// <summary>The newest commit that was refused, while no newer good one has replaced it.</summary>
    public GitRefusal? Refused { get; private set; }

    /// <summary>Why the last fetch failed (credentials taken out), or null when it worked.</summary>
    public string? FetchProblem { get; private set; }

    public GitRemote Remote => _remote;

    /// <summary>Signalled by <see cref="RequestSync"/> (the webhook); the sync worker waits on it.</summary>
    internal SemaphoreSlim Wake => _wake;

    /// <summary>
    /// Clones (or reuses the clone in the data folder), checks out the branch's newest commit and loads it. A clone
    /// that fails or a first commit with errors stops start-up, as a broken fact folder does.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await Task.Run(
                () =>
                {
                    Log.Cloning(logger, _remote.DisplayUrl, _remote.Branch);
                    GitCommitInfo commit;
                    try
                    {
                        using var repo = _remote.OpenOrClone(paths.Serve, cancellationToken);
                        var tip = _remote.Fetch(repo, cancellationToken);
                        GitRemote.ResetTo(repo, tip);
                        commit = GitCommitInfo.Of(tip);
                    }
                    catch (GitOperationException ex)
                    {
                        throw new FactBaseException($"Facts:Git:Url: {ex.Message}");
                    }

                    _lastTried = commit.Sha;
                    if (!Directory.Exists(paths.ServedFacts))
                    {
                        throw new FactBaseException($"Facts:Git:Path: commit {commit.Short} of {_remote.DisplayUrl} has no folder '{paths.FactPath}'.");
                    }

                    if (!store.Reload(version: commit.Short))
                    {
                        throw new FactBaseException($"The fact base at commit {commit.Short} by {commit.Author} of {_remote.DisplayUrl} has errors:{Environment.NewLine}{string.Join(Environment.NewLine, store.LastErrors)}");
                    }

                    Serving = commit;
                    Log.Serving(logger, commit.Short, commit.Author);
                },
                cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Asks the sync worker to fetch soon (debounced): the webhook's only effect.</summary>
    public void RequestSync() => _wake.Release();

    /// <summary>
    /// Fetches now and serves the branch's newest commit if it is new and good; true when a new commit went live.
    /// </summary>
    public async Task<bool> SyncAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => Sync(cancellationToken), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The latest commits that touched the fact folder, newest first, as last fetched.</summary>
    public async Task<IReadOnlyList<GitCommitInfo>> HistoryAsync(int count, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => History(count), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool Sync(CancellationToken cancellationToken)
    {
        using var repo = new Repository(paths.Serve);
        Commit tip;
        try
        {
            tip = _remote.Fetch(repo, cancellationToken);
            FetchProblem = null;
        }
        catch (GitOperationException ex)
        {
            FetchProblem = ex.Message;
            Log.FetchFailed(logger, ex.Message);
            return false;
        }

        if (tip.Sha == _lastTried)
        {
            return false; // nothing new, or a commit already refused: wait for the next one
        }

        var commit = GitCommitInfo.Of(tip);
        _lastTried = commit.Sha;
        GitRemote.ResetTo(repo, tip);
        if (Directory.Exists(paths.ServedFacts) && store.Reload(version: commit.Short))
        {
            Serving = commit;
            Refused = null;
            Log.Serving(logger, commit.Short, commit.Author);
            return true;
        }

        var problems = Directory.Exists(paths.ServedFacts)
            ? store.LastErrors
            : [new FactIssue(paths.FactPath, 1, 1, FactIssueSeverity.Error, "the commit has no fact folder here (Facts:Git:Path)")];
        Refused = new GitRefusal(commit, problems);
        Log.Refused(logger, commit.Short, commit.Author, problems.Count);
        if (Serving is { } good && repo.Lookup<Commit>(good.Sha) is { } goodCommit)
        {
            GitRemote.ResetTo(repo, goodCommit); // the checkout matches what is served: /facts check and reload read it
        }

        return false;
    }

    private List<GitCommitInfo> History(int count)
    {
        using var repo = new Repository(paths.Serve);
        var history = new List<GitCommitInfo>();
        if (_remote.Tip(repo) is not { } tip || count <= 0)
        {
            return history;
        }

        var filter = new CommitFilter { IncludeReachableFrom = tip, SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Time };
        foreach (var commit in repo.Commits.QueryBy(filter).Take(MaxHistoryWalk))
        {
            var here = commit[paths.FactPath]?.Target.Sha;
            var before = commit.Parents.FirstOrDefault()?[paths.FactPath]?.Target.Sha;
            if (here != before)
            {
                history.Add(GitCommitInfo.Of(commit));
                if (history.Count == count)
                {
                    break;
                }
            }
        }

        return history;
    }

    /// <summary>How many commits history looks through at most, so a long history of other folders stays cheap.</summary>
    private const int MaxHistoryWalk = 5000;

    public void Dispose()
    {
        _gate.Dispose();
        _wake.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(4040, LogLevel.Information, "Fact repository {Url}, branch {Branch}: cloning or opening the local copy")]
        public static partial void Cloning(ILogger logger, string url, string branch);

        [LoggerMessage(4041, LogLevel.Information, "Serving the facts of commit {Commit} by {Author}")]
        public static partial void Serving(ILogger logger, string commit, string author);

        [LoggerMessage(4042, LogLevel.Warning, "Commit {Commit} by {Author} refused with {Errors} error(s); the last good commit keeps serving (see /healthz)")]
        public static partial void Refused(ILogger logger, string commit, string author, int errors);

        [LoggerMessage(4043, LogLevel.Warning, "Fetching the fact repository failed ({Problem}); the served commit keeps serving")]
        public static partial void FetchFailed(ILogger logger, string problem);
    }
}

/// <summary>A commit as /healthz, /facts status and history show it.</summary>
internal sealed record GitCommitInfo(string Sha, string Author, DateTimeOffset When, string Message)
{
    public string Short => Sha[..7];

    public static GitCommitInfo Of(Commit commit) => new(commit.Sha, commit.Author.Name, commit.Author.When, commit.MessageShort);
}

/// <summary>A commit that was refused, with the loader's diagnostics.</summary>
internal sealed record GitRefusal(GitCommitInfo Commit, IReadOnlyList<FactIssue> Problems);
