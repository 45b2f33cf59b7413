using Microsoft.Extensions.Options;

namespace Bot.App.Facts.Git;

/// <summary>
/// Fetches the fact repository every <c>Facts:Git:PollInterval</c>, and soon after a webhook: webhooks that arrive
/// within <see cref="Debounce"/> of each other cause one fetch.
/// </summary>
internal sealed partial class GitFactSyncWorker(GitFactSource source, IOptions<FactsOptions> options, TimeProvider time, ILogger<GitFactSyncWorker> logger)
    : BackgroundService
{
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.Git.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (await WaitAsync(poll, stoppingToken))
            {
                await Task.Delay(Debounce, time, stoppingToken);
                while (source.Wake.Wait(0, CancellationToken.None))
                {
                    // webhooks of the same burst: one fetch serves them all
                }
            }

            try
            {
                await source.SyncAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LibGit2Sharp.LibGit2SharpException)
            {
                Log.SyncFailed(logger, source.Remote.Redact(ex.Message)); // the data folder or the clone is in trouble: try again next time
            }
        }
    }

    /// <summary>True when woken by a webhook, false when the poll interval passed.</summary>
    private async Task<bool> WaitAsync(TimeSpan poll, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(poll, time);
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            await source.Wake.WaitAsync(wake.Token);
            return true;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4044, LogLevel.Warning, "Updating the fact checkout failed ({Problem}); retrying at the next poll")]
        public static partial void SyncFailed(ILogger logger, string problem);
    }
}
