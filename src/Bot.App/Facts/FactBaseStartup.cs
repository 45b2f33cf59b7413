using Bot.App.Facts.Git;

namespace Bot.App.Facts;

/// <summary>
/// Loads the fact base before the server accepts requests; a base with errors stops start-up. With a git source, it
/// clones (or updates the clone) first and loads the branch's newest commit.
/// </summary>
internal sealed class FactBaseStartup(FactStore store, GitFactSource? git = null) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (git is not null)
        {
            await git.StartAsync(cancellationToken);
            return;
        }

        if (!store.Reload())
        {
            throw new FactBaseException(store.Folder, store.LastErrors);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
