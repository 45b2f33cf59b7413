using Bot.Core.Feedback;
using Microsoft.Extensions.Hosting;

namespace Bot.Storage;

/// <summary>
/// Migrates the feedback store before the server accepts requests, so a database the bot cannot use (unreachable, no
/// permission to create its tables) stops start-up with the reason and the fix instead of failing the first /report.
/// </summary>
internal sealed class FeedbackStorageStartup(IFeedbackStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        store is IFeedbackMaintenance maintenance ? maintenance.MigrateAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
