using Bot.Core.Asking;
using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Operations;
using Bot.Core.Text;
using Microsoft.Extensions.Options;

namespace Bot.App.Facts;

/// <summary>
/// Holds the current fact-base snapshot. Every load builds a new snapshot from scratch, /ask index included, while the
/// last good one keeps serving, then swaps it in with one write; a replaced snapshot is an ordinary value that the
/// garbage collector takes once no answer reads it. A load that finds errors, or fails in any way (out of memory
/// included), never replaces a good snapshot: the last good base keeps serving and the errors are kept for health
/// reporting.
/// </summary>
internal sealed partial class FactStore(
    FactBaseLoader loader,
    IOptions<FactsOptions> options,
    TimeProvider time,
    ILogger<FactStore> logger,
    BotMetrics? metrics = null)
    : IFactStore, IFactAdmin
{
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

    private readonly Lock _reloadGate = new();
    private int _loadAttempts;

    public FactAdminStatus Status() => new(Current, Folder, LastErrors, Reloaded: false);

    FactAdminStatus IFactAdmin.Reload()
    {
        var reloaded = Reload();
        return new FactAdminStatus(Current, Folder, LastErrors, reloaded);
    }

    public FactLoadReport Check() => loader.Load(Folder, DisplayRoot);

    /// <summary>
    /// Diagnostics name files relative to the fact folder (<c>people/x.yaml:3:5</c>): moderators see them in chat and
    /// anyone who can reach /healthz sees them there, and neither needs the server's absolute paths.
    /// </summary>
    private const string DisplayRoot = "";

    /// <summary>
    /// Loads the folder and builds the new snapshot's /ask index; on success swaps the snapshot in one step and
    /// returns true. Until then the last good snapshot serves every answer.
    /// </summary>
    /// <param name="scan">The folder listing the caller has just taken, if any: the load reads the files as listed there.</param>
    /// <param name="version">
    /// What the new snapshot is called (the git source passes the commit's short sha); a reload without one keeps the
    /// name the folder's content last got this way, and a folder never named gets a hash of its content.
    /// </param>
    public bool Reload(FactFolderScan? scan = null, string? version = null)
    {
        var loaded = Load(scan, version);
        metrics?.Reloaded(loaded);
        return loaded;
    }

    private string? _version;

    private bool Load(FactFolderScan? scan, string? version)
    {
        lock (_reloadGate)
        {
            Interlocked.Increment(ref _loadAttempts);
            var started = time.GetTimestamp();
            FactLoadReport report;
            try
            {
                // The listing is taken before any file is read, so an edit made during the load is seen next time.
                scan ??= FactFolderScan.Of(Folder);
                LoadedScan = scan;
                report = loader.Load(Folder, DisplayRoot, scan, version ?? _version);
                if (report.Facts is { } built)
                {
                    AskSearch.Prepare(built); // before the swap: the first question on the new base does not wait
                }
            }
            catch (IOException ex)
            {
                // A folder briefly missing or being replaced: keep serving, the next change retries.
                return Refuse(new FactIssue(".", 1, 1, FactIssueSeverity.Error, $"could not read the fact folder: {Relative(ex.Message)}"), unexpected: null);
            }
            catch (Exception ex) when (IsLoaded)
            {
                // The loader reports bad content as diagnostics; an exception here is a bug in it or a base too large
                // for the memory (OutOfMemoryException). A bot that is serving must not stop over one edit: keep the last
                // good base, report the failure where moderators look.
                return Refuse(new FactIssue(".", 1, 1, FactIssueSeverity.Error, $"the fact base could not be loaded ({ex.GetType().Name}, see the bot's log); the last good base keeps serving"), unexpected: ex);
            }

            foreach (var warning in report.Warnings)
            {
                Log.FactWarning(logger, LogText.Escape(warning.Path), warning.Line, warning.Column, LogText.Escape(warning.Message));
            }

            if (report.Facts is null)
            {
                LastErrors = [.. report.Errors];
                foreach (var error in LastErrors)
                {
                    Log.FactError(logger, LogText.Escape(error.Path), error.Line, error.Column, LogText.Escape(error.Message));
                }

                return false;
            }

            LastErrors = [];
            _version = version ?? _version;
            var facts = report.Facts;
            Volatile.Write(ref _current, facts);
            Log.FactsLoaded(logger, facts.People.Count, facts.Events.Count, facts.Quotes.Count, facts.Sources.Count, LogText.Escape(facts.Version), LogText.Escape(Folder), time.GetElapsedTime(started).TotalMilliseconds);
            return true;
        }
    }

    private bool Refuse(FactIssue issue, Exception? unexpected)
    {
        LastErrors = [issue];
        if (unexpected is null)
        {
            Log.FactError(logger, LogText.Escape(issue.Path), issue.Line, issue.Column, LogText.Escape(issue.Message));
        }
        else
        {
            Log.LoadFailed(logger, unexpected, LogText.Escape(Folder));
        }

        return false;
    }

    /// <summary>An I/O message with the fact folder's absolute path taken out (<c>'/srv/facts/people/x.yaml'</c> → <c>'people/x.yaml'</c>).</summary>
    private string Relative(string message) =>
        message.Replace(Path.TrimEndingDirectorySeparator(Folder) + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)
            .Replace(Path.TrimEndingDirectorySeparator(Folder), ".", StringComparison.Ordinal);

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Information, "Fact base {Version} loaded from {Folder} in {Milliseconds:F0} ms: {People} people, {Events} events, {Quotes} quotes, {Sources} sources")]
        public static partial void FactsLoaded(ILogger logger, int people, int events, int quotes, int sources, string version, string folder, double milliseconds);

        [LoggerMessage(4002, LogLevel.Warning, "{File}:{Line}:{Column}: error: {Problem}")]
        public static partial void FactError(ILogger logger, string file, int line, int column, string problem);

        [LoggerMessage(4003, LogLevel.Debug, "{File}:{Line}:{Column}: warning: {Problem}")]
        public static partial void FactWarning(ILogger logger, string file, int line, int column, string problem);

        [LoggerMessage(4006, LogLevel.Error, "Loading the fact base from {Folder} failed unexpectedly; the last good base keeps serving")]
        public static partial void LoadFailed(ILogger logger, Exception exception, string folder);
    }
}
