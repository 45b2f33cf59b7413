using Bot.Core.Editing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.App.Facts.Git;

public static class GitFactsServiceCollectionExtensions
{
    /// <summary>
    /// When <c>Facts:Git:Url</c> is set: the fact base comes from the repository's branch (cloned into the data
    /// folder; <c>Facts:Path</c> and the folder watcher are not used), it is fetched on a poll and on the webhook, and
    /// chat edits are committed and pushed (this <see cref="IFactWriter"/> replaces any other, registered before or after
    /// with TryAdd). Call after <see cref="FactsServiceCollectionExtensions.AddFactBase"/>.
    /// </summary>
    public static IServiceCollection AddGitFactSource(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var git = configuration.GetSection($"{FactsOptions.SectionName}:Git").Get<FactsGitOptions>() ?? new FactsGitOptions();
        if (!git.Enabled)
        {
            return services;
        }

        var paths = GitFactPaths.From(configuration, environment.ContentRootPath, git);
        services.AddSingleton(paths);
        services.PostConfigure<FactsOptions>(facts =>
        {
            facts.Path = paths.ServedFacts; // the store loads the fact folder of the serving checkout
            facts.Watch = false;            // the checkout changes only through the git source, which reloads itself
        });
        services.AddSingleton<GitFactSource>();
        services.AddHostedService<GitFactSyncWorker>();
        services.Replace(ServiceDescriptor.Singleton<IFactWriter, GitFactWriter>());
        return services;
    }
}
