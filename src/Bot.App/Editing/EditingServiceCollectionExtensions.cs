using Bot.Core.Editing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.App.Editing;

public static class EditingServiceCollectionExtensions
{
    /// <summary>
    /// Chat editing of the facts: the edit service the adapters use, and the folder writer as the default
    /// <see cref="IFactWriter"/> (TryAdd: the git writer, registered when <c>Facts:Git:Url</c> is set, wins).
    /// </summary>
    public static IServiceCollection AddFactEditing(this IServiceCollection services)
    {
        services.TryAddSingleton<IFactWriter, FolderFactWriter>();
        services.TryAddSingleton<FactEditService>();
        services.AddPageMetadata(); // fills in a new source from its page (Open Graph, JSON-LD)
        return services;
    }
}
