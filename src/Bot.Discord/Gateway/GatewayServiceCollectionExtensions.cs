using System.Reflection;
using Bot.Core.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Gateway;

internal static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// The Gateway client, its HTTP client (no request logging: callback URLs carry interaction tokens), its metrics
    /// (meter <c>Bot.Discord.Gateway</c>) and the <c>discord-gateway</c> health check.
    /// </summary>
    public static IServiceCollection AddDiscordGateway(this IServiceCollection services)
    {
        services.TryAddSingleton<ExitStatus>();
        services.TryAddSingleton<GatewayTimings>();
        services.TryAddSingleton<GatewayStatus>();
        services.AddMetrics();
        services.TryAddSingleton<GatewayMetrics>();
        services.TryAddSingleton<IGatewaySocketFactory, ClientWebSocketGatewayFactory>();
        services.TryAddSingleton<GatewayInteractionDispatcher>();
        services.AddHttpClient(GatewayInteractionDispatcher.HttpClientName, (provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<DiscordOptions>>().Value;
                client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", $"DiscordBot ({options.ProjectUrl}, {Version()})");
                client.Timeout = TimeSpan.FromSeconds(15);
            })
            .RemoveAllLoggers();
        services.AddHealthChecks().AddCheck<DiscordGatewayHealthCheck>(DiscordGatewayHealthCheck.Name);
        services.AddHostedService<DiscordGatewayService>();
        return services;
    }

    private static string Version()
    {
        var version = typeof(GatewayServiceCollectionExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? version[..plus] : version;
    }
}
