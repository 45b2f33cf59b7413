using Microsoft.Extensions.Options;

namespace Bot.App.Facts;

/// <summary>
/// Takes moderators' edits live without a restart: watches the fact folder (and polls a cheap fingerprint of it, for
/// volumes where file events do not arrive), waits until the files have been quiet for a moment so a burst of saves
/// reloads once, then reloads. A broken edit is refused by <see cref="FactStore"/> and the last good base keeps serving.
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
        Log.Watching(logger, store.Folder);

        while (!stoppingToken.IsCancellationRequested)
        {
            // Wake on a file event or at the next poll, whichever comes first.
            using (var pollTimeout = new CancellationTokenSource(poll, time))
            using (var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, pollTimeout.Token))
            {
                try
                {
                    await changed.WaitAsync(wake.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // the poll interval passed without a file event
                }
            }

            // Compare with what the store last loaded, so an edit made while this worker was starting is not missed.
            var current = FactStore.Fingerprint(store.Folder);
            if (current == store.LoadedFingerprint)
            {
                continue;
            }

            // Let the burst settle: keep waiting while the files keep changing.
            while (true)
            {
                await Task.Delay(debounce, time, stoppingToken);
                var settled = FactStore.Fingerprint(store.Folder);
                while (changed.CurrentCount > 0)
                {
                    await changed.WaitAsync(stoppingToken);
                }

                if (settled == current)
                {
                    break;
                }

                current = settled;
            }

            var started = time.GetTimestamp();
            if (store.Reload())
            {
                Log.Reloaded(logger, store.Current.Version, time.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                Log.ReloadRefused(logger, store.LastErrors.Count);
            }
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
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private static partial class Log
    {
        [LoggerMessage(4020, LogLevel.Information, "Watching {Folder} for fact edits")]
        public static partial void Watching(ILogger logger, string folder);

        [LoggerMessage(4021, LogLevel.Information, "Fact base {Version} is live ({Milliseconds:F0} ms to load and validate)")]
        public static partial void Reloaded(ILogger logger, string version, double milliseconds);

        [LoggerMessage(4022, LogLevel.Warning, "Fact edit refused with {Errors} error(s); the last good fact base keeps serving (see /healthz)")]
        public static partial void ReloadRefused(ILogger logger, int errors);
    }
}
