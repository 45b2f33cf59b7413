using Bot.Core.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Discord.Gateway;

internal static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// The Gateway client, Discord's REST client (<see cref="DiscordRest"/>), its metrics
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
        services.AddDiscordRestClient();
        services.AddHealthChecks().AddCheck<DiscordGatewayHealthCheck>(DiscordGatewayHealthCheck.Name);
        services.AddHostedService<DiscordGatewayService>();
        return services;
    }
}
