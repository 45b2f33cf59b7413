using Bot.Core.Operations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.App.Operations;

/// <summary>What operators get: metrics (and their scrape endpoint) and per-user / per-channel rate limits.</summary>
public static class OperationsServiceCollectionExtensions
{
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<BotMetrics>();
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName);
        services.AddSingleton<PrometheusExporter>();

        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton<RequestLimiter>();
        services.AddSingleton<IRequestLimiter>(sp => sp.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled
            ? sp.GetRequiredService<RequestLimiter>()
            : NoLimits.Instance);
        return services;
    }

    /// <summary><c>GET /metrics</c> in the Prometheus text format, unless <c>Metrics:Enabled</c> is false.</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            return app;
        }

        var exporter = app.ServiceProvider.GetRequiredService<PrometheusExporter>(); // listening from start-up on
        app.MapGet("/metrics", () => Results.Text(exporter.Scrape(), PrometheusExporter.ContentType));
        return app;
    }

    private sealed class NoLimits : IRequestLimiter
    {
        public static readonly NoLimits Instance = new();

        public RateLimitRefusal? TryAcquire(Bot.Core.Commands.BotRequest request) => null;
    }
}
