using Bot.Core.Feedback;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Storage;

/// <summary>
/// Deletes feedback older than <c>Storage:Retention</c> once at start and then every <see cref="Interval"/> (by the
/// host's <see cref="TimeProvider"/>): unanswered questions not asked again for 90 days and reports resolved a year ago,
/// by default. Open reports stay until a moderator resolves them. A failed sweep is logged and tried again next time.
/// </summary>
internal sealed class FeedbackRetentionWorker(
    IFeedbackStore store,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<FeedbackRetentionWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = options.Value.Retention ?? new StorageRetentionOptions();
        if (store is not IFeedbackMaintenance maintenance || (retention.UnansweredQuestions is null && retention.ResolvedReports is null))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var swept = await maintenance.SweepAsync(retention.UnansweredQuestions, retention.ResolvedReports, stoppingToken);
                logger.Swept(swept.UnansweredQuestions, swept.ResolvedReports);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.SweepFailed(e.GetType().Name);
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
