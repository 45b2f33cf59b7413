using Bot.Core.Feedback;
using Bot.Core.Operations;
using Bot.Discord.Gateway;
using Bot.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Bot.App.Operations;

/// <summary>What operators get: metrics (and their scrape endpoint) and per-user / per-channel rate limits.</summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// The meters exported: the bot's own (<c>Bot</c>, <c>Bot.*</c>), ASP.NET Core's request metrics and the runtime's
    /// memory, GC and thread-pool figures.
    /// </summary>
    private static readonly string[] Meters = [BotMetrics.MeterName, "Bot.*", "Microsoft.AspNetCore.Hosting", "System.Runtime"];

    /// <summary>
    /// Metrics through OpenTelemetry: read by <c>GET /metrics</c> (Prometheus) and, when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, pushed over OTLP as well (the exporter reads the standard
    /// <c>OTEL_EXPORTER_OTLP_*</c> settings).
    /// </summary>
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMetrics();
        services.TryAddSingleton<BotMetrics>();
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName);
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("dispute-bot").AddEnvironmentVariableDetector()) // OTEL_SERVICE_NAME wins
            .WithMetrics(metrics =>
            {
                // Every scrape reads the current figures (the exporter's default caches a response for 300 ms).
                metrics.AddMeter(Meters).AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>>(new RateLimitOptionsValidator(configuration));
        services.AddSingleton<RequestLimiter>();
        if (RateLimitOptionsValidator.IsPostgres(configuration))
        {
            // Gateway processes sharing the database keep Discord's identify buckets between them
            services.AddSingleton<IIdentifyLock>(sp => new PostgresIdentifyLock(
                (PostgresFeedbackStore)sp.GetRequiredService<IFeedbackStore>(), sp.GetRequiredService<ILogger<PostgresIdentifyLock>>()));
        }

        var shared = configuration.GetValue<bool>("RateLimits:Shared") && RateLimitOptionsValidator.IsPostgres(configuration);
        if (shared)
        {
            // counted in PostgreSQL, with the in-process limiter as the fallback while the database does not answer
            services.AddSingleton(sp => new PostgresRateLimits(
                (PostgresFeedbackStore)sp.GetRequiredService<IFeedbackStore>(), sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<SharedRequestLimiter>();
            services.AddHealthChecks().AddCheck<SharedRateLimitHealthCheck>(SharedRateLimitHealthCheck.Name);
        }

        services.AddSingleton<IRequestLimiter>(sp => !sp.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled ? NoLimits.Instance
            : shared ? sp.GetRequiredService<SharedRequestLimiter>()
            : sp.GetRequiredService<RequestLimiter>());
        return services;
    }

    /// <summary><c>GET /metrics</c> in the Prometheus text format, unless <c>Metrics:Enabled</c> is false.</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            return app;
        }

        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private sealed class NoLimits : IRequestLimiter
    {
        public static readonly NoLimits Instance = new();

        public ValueTask<RateLimitRefusal?> TryAcquireAsync(Bot.Core.Commands.BotRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult<RateLimitRefusal?>(null);
    }
}
