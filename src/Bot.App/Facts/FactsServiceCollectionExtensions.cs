using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Querying;
using Microsoft.Extensions.Options;

namespace Bot.App.Facts;

public static class FactsServiceCollectionExtensions
{
    /// <summary>The fact base and the query engine: options, loader, the swappable store, start-up load, live reload, health.</summary>
    public static IServiceCollection AddFactBase(this IServiceCollection services)
    {
        services.AddOptions<FactsOptions>().BindConfiguration(FactsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FactsOptions>, FactsOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var facts = sp.GetRequiredService<IOptions<FactsOptions>>().Value;
            return new FactBaseLoader(sp.GetRequiredService<TimeProvider>())
            {
                StaleAfter = TimeSpan.FromDays(facts.StaleAfterDays),
                MaxFileBytes = facts.MaxFileBytes,
                MaxBaseBytes = facts.MaxBaseBytes,
            };
        });
        services.AddSingleton<FactStore>();
        services.AddSingleton<IFactStore>(sp => sp.GetRequiredService<FactStore>());
        services.AddSingleton<IFactAdmin>(sp => sp.GetRequiredService<FactStore>());
        services.AddSingleton(sp => new Freshness(
            sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromDays(sp.GetRequiredService<IOptions<FactsOptions>>().Value.StaleAfterDays)));
        services.AddSingleton<QueryEngine>(); // optional parts (feedback store, metrics, rate limits) come from the container when registered
        services.AddHostedService<FactBaseStartup>();
        services.AddHostedService<FactReloadWorker>();
        services.AddHealthChecks().AddCheck<FactBaseHealthCheck>("facts");
        return services;
    }
}
