namespace Bot.App.Facts;

/// <summary>Loads the fact base before the server accepts requests; a base with errors stops start-up.</summary>
internal sealed class FactBaseStartup(FactStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!store.Reload())
        {
            throw new FactBaseException(store.Folder, store.LastErrors);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
