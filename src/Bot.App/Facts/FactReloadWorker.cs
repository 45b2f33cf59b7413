using Bot.Core.Loading;
using Bot.Core.Text;
using Microsoft.Extensions.Options;

namespace Bot.App.Facts;

/// <summary>
/// Takes moderators' edits live without a restart. It wakes on a file event (or, for volumes where file events do
/// not arrive, on a poll that lists the folder), waits until no event has arrived for a short quiet period so that
/// one save (or a burst of saves) reloads once, lists the folder, and reloads only if the listing differs from the
/// one the last load read. Events that arrive during a reload are handled the same way right after it, so an edit
/// made mid-reload is never lost and a burst already included in the reload causes no second one. A broken edit is
/// refused by <see cref="FactStore"/> and the last good base keeps serving.
/// </summary>
internal sealed partial class FactReloadWorker(FactStore store, IOptions<FactsOptions> options, TimeProvider time, ILogger<FactReloadWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Watch)
        {
            return;
        }

        using var changed = new SemaphoreSlim(0);
        using var watcher = CreateWatcher(store.Folder, () => changed.Release());
        var debounce = TimeSpan.FromMilliseconds(settings.DebounceMilliseconds);
        var poll = TimeSpan.FromMilliseconds(settings.PollMilliseconds);
        Log.Watching(logger, LogText.Escape(store.Folder));

        while (!stoppingToken.IsCancellationRequested)
        {
            var byEvent = await WaitForChangeAsync(changed, poll, stoppingToken);
            var noticed = time.GetTimestamp();
            FactFolderScan scan;
            try
            {
                scan = byEvent
                    ? await AfterQuietAsync(changed, debounce, stoppingToken)
                    : await AfterStableListingAsync(changed, debounce, stoppingToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.ListingFailed(logger, LogText.Escape(store.Folder), LogText.Escape(ex.Message)); // the folder is being replaced: the next event or poll retries
                continue;
            }

            if (scan.SameAs(store.LoadedScan))
            {
                continue; // nothing the loader reads changed: another file, or an edit the last load already took
            }

            if (store.Reload(scan))
            {
                Log.Reloaded(logger, LogText.Escape(store.Current.Version), time.GetElapsedTime(noticed).TotalMilliseconds);
            }
            else
            {
                Log.ReloadRefused(logger, store.LastErrors.Count);
            }
        }
    }

    /// <summary>Waits for a file event (true) or the poll interval (false), whichever comes first.</summary>
    private async Task<bool> WaitForChangeAsync(SemaphoreSlim changed, TimeSpan poll, CancellationToken stoppingToken)
    {
        using var pollTimeout = new CancellationTokenSource(poll, time);
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, pollTimeout.Token);
        try
        {
            await changed.WaitAsync(wake.Token);
            return true;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false; // the poll interval passed without a file event
        }
    }

    /// <summary>After a file event: waits until no further event arrives for the quiet period, then lists the folder.</summary>
    private async Task<FactFolderScan> AfterQuietAsync(SemaphoreSlim changed, TimeSpan quiet, CancellationToken stoppingToken)
    {
        do
        {
            Drain(changed);
            await Task.Delay(quiet, time, stoppingToken);
        }
        while (changed.CurrentCount > 0);

        return FactFolderScan.Of(store.Folder);
    }

    /// <summary>
    /// After a poll (no file events): lists the folder, and if it changed, waits until two listings a quiet period
    /// apart agree, so that a copy still in progress is not loaded half-way.
    /// </summary>
    private async Task<FactFolderScan> AfterStableListingAsync(SemaphoreSlim changed, TimeSpan quiet, CancellationToken stoppingToken)
    {
        var scan = FactFolderScan.Of(store.Folder);
        while (!scan.SameAs(store.LoadedScan))
        {
            await Task.Delay(quiet, time, stoppingToken);
            Drain(changed);
            var again = FactFolderScan.Of(store.Folder);
            if (again.SameAs(scan))
            {
                break;
            }

            scan = again;
        }

        return scan;
    }

    private static void Drain(SemaphoreSlim changed)
    {
        while (changed.Wait(0))
        {
        }
    }

    private static FileSystemWatcher? CreateWatcher(string folder, Action onChange)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += (_, _) => onChange();
        watcher.Created += (_, _) => onChange();
        watcher.Deleted += (_, _) => onChange();
        watcher.Renamed += (_, _) => onChange();
        watcher.Error += (_, _) => onChange(); // events were lost (buffer overflow): list the folder to find out what changed
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private static partial class Log
    {
        [LoggerMessage(4020, LogLevel.Information, "Watching {Folder} for fact edits")]
        public static partial void Watching(ILogger logger, string folder);

        [LoggerMessage(4021, LogLevel.Information, "Fact base {Version} is live {Milliseconds:F0} ms after the change was noticed")]
        public static partial void Reloaded(ILogger logger, string version, double milliseconds);

        [LoggerMessage(4022, LogLevel.Warning, "Fact edit refused with {Errors} error(s); the last good fact base keeps serving (see /healthz)")]
        public static partial void ReloadRefused(ILogger logger, int errors);

        [LoggerMessage(4023, LogLevel.Warning, "Could not list {Folder} ({Problem}); retrying at the next change")]
        public static partial void ListingFailed(ILogger logger, string folder, string problem);
    }
}
