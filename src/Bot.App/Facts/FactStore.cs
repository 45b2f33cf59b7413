using Bot.Core.Facts;
using Bot.Core.Loading;
using Microsoft.Extensions.Options;

namespace Bot.App.Facts;

/// <summary>
/// Holds the current fact-base snapshot. A load that finds errors never replaces a good snapshot: the last good base
/// keeps serving and the errors are kept for health reporting.
/// </summary>
internal sealed partial class FactStore(FactBaseLoader loader, IOptions<FactsOptions> options, ILogger<FactStore> logger) : IFactStore
{
    private FactBase? _current;

    public FactBase Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("The fact base has not been loaded yet.");

    public bool IsLoaded => Volatile.Read(ref _current) is not null;

    public string Folder { get; } = FactsLocator.Find(options.Value.Path) ?? "facts";

    /// <summary>The problems of the last load that failed, or empty when the last load succeeded.</summary>
    public IReadOnlyList<FactIssue> LastErrors { get; private set; } = [];

    /// <summary>Loads the folder; on success swaps the snapshot in one step and returns true.</summary>
    public bool Reload()
    {
        var report = loader.Load(Folder);
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
        Volatile.Write(ref _current, report.Facts);
        Log.FactsLoaded(logger, report.Facts.People.Count, report.Facts.Events.Count, report.Facts.Quotes.Count, report.Facts.Sources.Count, report.Facts.Version, Folder);
        return true;
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
