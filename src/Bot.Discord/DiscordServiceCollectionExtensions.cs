using Bot.Core.Operations;
using Bot.Core.Querying;
using Bot.Discord.Gateway;
using Bot.Discord.Interactions;
using Bot.Discord.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Discord adapter, in the mode <c>Discord:Mode</c> selects: HTTP interactions when
    /// <c>Discord:PublicKey</c> is set, the Gateway (no public URL) when only <c>Discord:BotToken</c> is set, nothing
    /// when neither is. When on, the whole <c>Discord</c> section is validated at start-up (every problem listed). In
    /// HTTP mode the signature verifier is built at start, so a bad key stops the host before it takes traffic; in Gateway mode a <c>discord-gateway</c> health check reports whether a shard is connected. Needs a
    /// <see cref="QueryEngine"/> (or an <c>IFactStore</c> to build one) from the host.
    /// </summary>
    public static IServiceCollection AddDiscordAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(DiscordOptions.SectionName);
        var mode = DiscordOptions.ResolveMode(
            section[nameof(DiscordOptions.Mode)], section[nameof(DiscordOptions.PublicKey)], section[nameof(DiscordOptions.BotToken)]);
        if (mode == DiscordMode.Off)
        {
            return services;
        }

        services.AddOptions<DiscordOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<QueryEngine>();
        services.AddMetrics();
        services.TryAddSingleton<BotMetrics>();
        services.TryAddSingleton<DiscordInteractionResponder>();
        if (mode == DiscordMode.Gateway)
        {
            services.AddDiscordGateway();
            return services;
        }

        services.TryAddSingleton<DiscordSignatureVerifier>();
        services.TryAddSingleton<DiscordInteractionHandler>();
        services.AddHostedService<DiscordStartupCheck>();
        return services;
    }
}

public static class DiscordEndpoints
{
    public const string DefaultPattern = "/discord/interactions";

    /// <summary>
    /// Maps <c>POST /discord/interactions</c> when <see cref="DiscordServiceCollectionExtensions.AddDiscordAdapter"/>
    /// turned the adapter on; returns <see langword="null"/> (and maps nothing) otherwise.
    /// </summary>
    public static IEndpointConventionBuilder? MapDiscordInteractions(this IEndpointRouteBuilder app, string pattern = DefaultPattern)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(DiscordInteractionHandler)) != true)
        {
            return null;
        }

        return app.MapPost(pattern, static (HttpContext http) => http.RequestServices.GetRequiredService<DiscordInteractionHandler>().HandleAsync(http))
            .ExcludeFromDescription();
    }
}

/// <summary>Builds the verifier at start-up, so a bad key fails the host with a clear message.</summary>
internal sealed class DiscordStartupCheck(IServiceProvider services, ILogger<DiscordStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<DiscordSignatureVerifier>();
        _ = services.GetRequiredService<DiscordInteractionHandler>();
        logger.AdapterEnabled(DiscordEndpoints.DefaultPattern);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
