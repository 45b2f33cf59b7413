using Bot.Core.Facts;
using Bot.Core.Loading;
using Microsoft.Extensions.Options;

namespace Bot.App.Facts;

/// <summary>
/// Holds the current fact-base snapshot. A load that finds errors never replaces a good snapshot: the last good base
/// keeps serving and the errors are kept for health reporting.
/// </summary>
internal sealed partial class FactStore(FactBaseLoader loader, IOptions<FactsOptions> options, TimeProvider time, ILogger<FactStore> logger)
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

    /// <summary>The folder's fingerprint when it was last loaded, good or not: a refused edit is not retried until it changes.</summary>
    public string LoadedFingerprint { get; private set; } = "";

    /// <summary>How many loads were attempted since start (successful or not).</summary>
    public int LoadAttempts => Volatile.Read(ref _loadAttempts);

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

    public FactLoadReport Check() => loader.Load(Folder);

    /// <summary>Loads the folder; on success swaps the snapshot in one step and returns true.</summary>
    public bool Reload()
    {
        Interlocked.Increment(ref _loadAttempts);
        LoadedFingerprint = Fingerprint(Folder); // before reading: an edit made during the load is seen next time
        FactLoadReport report;
        try
        {
            report = loader.Load(Folder);
        }
        catch (IOException ex)
        {
            // A file being replaced mid-read, a folder briefly missing: keep serving, the next change retries.
            LastErrors = [new FactIssue(Folder, 1, 1, FactIssueSeverity.Error, $"could not read the fact folder: {ex.Message}")];
            Log.FactError(logger, Folder, 1, 1, LastErrors[0].Message);
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
        report.Facts.PrepareSearch(); // build the /ask index before the snapshot serves, not on the first question
        var previous = Interlocked.Exchange(ref _current, report.Facts);
        if (previous is not null)
        {
            _ = RetireAsync(previous);
        }

        Log.FactsLoaded(logger, report.Facts.People.Count, report.Facts.Events.Count, report.Facts.Quotes.Count, report.Facts.Sources.Count, report.Facts.Version, Folder);
        return true;
    }

    /// <summary>Paths, sizes and write times of every fact file: cheap to compute, changes with any edit.</summary>
    public static string Fingerprint(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return "";
        }

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => new FileInfo(f))
            .Select(f => $"{f.FullName}|{f.Length}|{f.LastWriteTimeUtc.Ticks}");
        return string.Join('\n', files);
    }

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Information, "Fact base {Version} loaded from {Folder}: {People} people, {Events} events, {Quotes} quotes, {Sources} sources")]
        public static partial void FactsLoaded(ILogger logger, int people, int events, int quotes, int sources, string version, string folder);

        [LoggerMessage(4002, LogLevel.Warning, "{File}:{Line}:{Column}: error: {Problem}")]
        public static partial void FactError(ILogger logger, string file, int line, int column, string problem);

        [LoggerMessage(4003, LogLevel.Debug, "{File}:{Line}:{Column}: warning: {Problem}")]
        public static partial void FactWarning(ILogger logger, string file, int line, int column, string problem);
    }
}
