using Bot.Core.Editing;
using Bot.Core.Feedback;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IFeedbackStore"/> from the <c>Storage</c> section: SQLite in <c>Storage:DataPath</c>
    /// (default <c>data</c> under the content root) unless <c>Storage:Provider</c> is <c>postgres</c>, then PostgreSQL
    /// at <c>Storage:ConnectionString</c>. The section is validated at start-up (every problem listed); the database
    /// file or tables are created, and migrations applied, at start-up (a database the bot cannot use stops it with the
    /// reason). Also: the daily retention sweep (<c>Storage:Retention</c>) and the <c>storage</c> health check.
    /// </summary>
    public static IServiceCollection AddFeedbackStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Create);
        services.TryAddSingleton<UnansweredQuestionLog>(); // misses are counted off the answer path
        services.TryAddSingleton(sp => (IFactChangeLog)sp.GetRequiredService<IFeedbackStore>()); // the same database keeps the edit audit
        services.AddHostedService<FeedbackStorageStartup>();
        services.AddHostedService<FeedbackRetentionWorker>();
        services.AddHealthChecks().AddCheck<FeedbackStorageHealthCheck>(FeedbackStorageHealthCheck.Name);
        return services;
    }

    private static IFeedbackStore Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var loggers = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        if (options.IsPostgres)
        {
            return new PostgresFeedbackStore(options.ConnectionString!, time, loggers.CreateLogger<PostgresFeedbackStore>(), options.Schema); // validated: set
        }

        var root = services.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
        var folder = Path.GetFullPath(options.DataPath, root);
        return new SqliteFeedbackStore(folder, time, loggers.CreateLogger<SqliteFeedbackStore>());
    }
}
