using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Operations;
using Microsoft.Extensions.Options;

namespace Bot.App.Facts;

/// <summary>
/// Holds the current fact-base snapshot. A load that finds errors never replaces a good snapshot: the last good base
/// keeps serving and the errors are kept for health reporting.
/// </summary>
internal sealed partial class FactStore(
    FactBaseLoader loader,
    IOptions<FactsOptions> options,
    TimeProvider time,
    ILogger<FactStore> logger,
    BotMetrics? metrics = null)
    : IFactStore, IFactAdmin, IDisposable
{
    /// <summary>
    /// How long a replaced snapshot stays usable before its resources are released: far longer than any answer takes,
    /// so a request that picked up the old snapshot just before a swap always finishes on it.
    /// </summary>
    internal TimeSpan RetireAfter { get; init; } = TimeSpan.FromSeconds(30);

    private FactBase? _current;

    public FactBase Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("The fact base has not been loaded yet.");

    public bool IsLoaded => Volatile.Read(ref _current) is not null;

    public string Folder { get; } = FactsLocator.Find(options.Value.Path) ?? "facts";

    /// <summary>The problems of the last load that failed, or empty when the last load succeeded.</summary>
    public IReadOnlyList<FactIssue> LastErrors { get; private set; } = [];

    /// <summary>
    /// The folder listing (paths, sizes, write times) of the last load, good or not: the watcher compares a new
    /// listing with it, so a refused edit is not retried until the files change again.
    /// </summary>
    public FactFolderScan? LoadedScan { get; private set; }

    /// <summary>How many loads were attempted since start (successful or not).</summary>
    public int LoadAttempts => Volatile.Read(ref _loadAttempts);

    /// <summary>How many files the last load read from disk and how many it parsed (the others came from the cache).</summary>
    public (int Read, int Parsed) LastLoadFiles => _cache.LastLoad;

    private readonly FactFileCache _cache = new();
    private readonly Lock _reloadGate = new();
    private int _loadAttempts;

    public void Dispose() => Volatile.Read(ref _current)?.Dispose();

    private async Task RetireAsync(FactBase replaced)
    {
        await Task.Delay(RetireAfter, time);
        replaced.Dispose();
    }

    public FactAdminStatus Status() => new(Current, Folder, LastErrors, Reloaded: false);

    FactAdminStatus IFactAdmin.Reload()
    {
        var reloaded = Reload();
        return new FactAdminStatus(Current, Folder, LastErrors, reloaded);
    }

    public FactLoadReport Check() => loader.Check(Folder, DisplayRoot, _cache);

    /// <summary>
    /// Diagnostics name files relative to the fact folder (<c>people/x.yaml:3:5</c>): moderators see them in chat and
    /// anyone who can reach /healthz sees them there, and neither needs the server's absolute paths.
    /// </summary>
    private const string DisplayRoot = "";

    /// <summary>
    /// Loads the folder (reading only the files that changed since the last load); on success swaps the snapshot in
    /// one step and returns true. The new snapshot serves at once; its /ask index is built right after, in the
    /// background (an /ask that arrives before it is ready waits for it, on the new snapshot).
    /// </summary>
    /// <param name="scan">The folder listing the caller has just taken, if any: the load reads the files as listed there.</param>
    public bool Reload(FactFolderScan? scan = null)
    {
        var loaded = Load(scan);
        metrics?.Reloaded(loaded);
        return loaded;
    }

    private bool Load(FactFolderScan? scan)
    {
        lock (_reloadGate)
        {
            Interlocked.Increment(ref _loadAttempts);
            FactLoadReport report;
            try
            {
                // The listing is taken before any file is read, so an edit made during the load is seen next time.
                scan ??= FactFolderScan.Of(Folder);
                LoadedScan = scan;
                report = loader.Load(Folder, DisplayRoot, _cache, scan);
            }
            catch (IOException ex)
            {
                // A file being replaced mid-read, a folder briefly missing: keep serving, the next change retries.
                LastErrors = [new FactIssue(".", 1, 1, FactIssueSeverity.Error, $"could not read the fact folder: {Relative(ex.Message)}")];
                Log.FactError(logger, Folder, 1, 1, LastErrors[0].Message);
                return false;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException && IsLoaded)
            {
                // The loader reports bad content as diagnostics; an exception here is a bug in it. A bot that is serving
                // must not stop over one edit: keep the last good base, report the failure where moderators look.
                LastErrors = [new FactIssue(".", 1, 1, FactIssueSeverity.Error, $"the fact base could not be loaded ({ex.GetType().Name}, see the bot's log); the last good base keeps serving")];
                Log.LoadFailed(logger, ex, Folder);
                return false;
            }

            foreach (var warning in report.Warnings)
            {
                Log.FactWarning(logger, warning.Path, warning.Line, warning.Column, warning.Message);
            }

            if (report.Facts is null)
            {
                LastErrors = [.. report.Errors];
                foreach (var error in LastErrors)
                {
                    Log.FactError(logger, error.Path, error.Line, error.Column, error.Message);
                }

                return false;
            }

            LastErrors = [];
            var facts = report.Facts;
            var previous = Interlocked.Exchange(ref _current, facts);
            if (previous is not null)
            {
                _ = RetireAsync(previous);
            }

            _ = Task.Run(() => PrepareSearch(facts));
            Log.FactsLoaded(logger, facts.People.Count, facts.Events.Count, facts.Quotes.Count, facts.Sources.Count, facts.Version, Folder);
            return true;
        }
    }

    /// <summary>Builds the new snapshot's /ask index off the request path, so the first question does not pay for it.</summary>
    private void PrepareSearch(FactBase facts)
    {
        var started = time.GetTimestamp();
        try
        {
            facts.PrepareSearch();
            Log.SearchReady(logger, facts.Version, time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // /ask builds the index on first use instead (and reports its own failure there).
            Log.SearchFailed(logger, ex, facts.Version);
        }
    }

    /// <summary>An I/O message with the fact folder's absolute path taken out (<c>'/srv/facts/people/x.yaml'</c> → <c>'people/x.yaml'</c>).</summary>
    private string Relative(string message) =>
        message.Replace(Path.TrimEndingDirectorySeparator(Folder) + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)
            .Replace(Path.TrimEndingDirectorySeparator(Folder), ".", StringComparison.Ordinal);

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Information, "Fact base {Version} loaded from {Folder}: {People} people, {Events} events, {Quotes} quotes, {Sources} sources")]
        public static partial void FactsLoaded(ILogger logger, int people, int events, int quotes, int sources, string version, string folder);

        [LoggerMessage(4002, LogLevel.Warning, "{File}:{Line}:{Column}: error: {Problem}")]
        public static partial void FactError(ILogger logger, string file, int line, int column, string problem);

        [LoggerMessage(4003, LogLevel.Debug, "{File}:{Line}:{Column}: warning: {Problem}")]
        public static partial void FactWarning(ILogger logger, string file, int line, int column, string problem);

        [LoggerMessage(4004, LogLevel.Information, "The /ask index of fact base {Version} is ready ({Milliseconds:F0} ms)")]
        public static partial void SearchReady(ILogger logger, string version, double milliseconds);

        [LoggerMessage(4005, LogLevel.Warning, "Building the /ask index of fact base {Version} failed; /ask builds it on first use")]
        public static partial void SearchFailed(ILogger logger, Exception exception, string version);

        [LoggerMessage(4006, LogLevel.Error, "Loading the fact base from {Folder} failed unexpectedly; the last good base keeps serving")]
        public static partial void LoadFailed(ILogger logger, Exception exception, string folder);
    }
}
