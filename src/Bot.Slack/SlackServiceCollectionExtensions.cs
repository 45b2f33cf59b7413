using Bot.Core.Operations;
using Bot.Http;
using Bot.Slack.SocketMode;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>The named client for Slack's Web API (usergroups.users.list, apps.connections.open).</summary>
    internal const string WebApiClient = "Slack.WebApi";

    /// <summary>
    /// Web API calls are made while a slash command waits for its answer (Slack's 3 seconds): two attempts, a
    /// <c>Retry-After</c> of at most a second, all within 2.5 seconds.
    /// </summary>
    internal static readonly OutboundPolicy WebApiPolicy = new()
    {
        MaxAttempts = 2,
        MaxRetryWait = TimeSpan.FromSeconds(1),
        AttemptTimeout = TimeSpan.FromSeconds(2),
        TotalTimeout = TimeSpan.FromSeconds(2.5),
    };

    /// <summary>
    /// Adds the Slack adapter: the HTTP side when <c>Slack:SigningSecret</c> is set, Socket Mode when
    /// <c>Slack:AppToken</c> is set, nothing when neither is. Options are validated on start, every problem listed.
    /// Needs a <see cref="Bot.Core.Querying.QueryEngine"/> registered by the host.
    /// </summary>
    public static IServiceCollection AddSlackAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SlackOptions.SectionName);
        var http = !string.IsNullOrEmpty(section[nameof(SlackOptions.SigningSecret)]);
        var socketMode = !string.IsNullOrEmpty(section[nameof(SlackOptions.AppToken)]);
        if (!http && !socketMode)
        {
            return services;
        }

        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        // Neither client logs requests: response_urls carry secrets and the Web API calls carry tokens.
        services.AddHttpClient(SlackResponder.HttpClientName).RemoveAllLoggers().AddOutboundResilience(SlackResponder.Policy);
        services.AddHttpClient(WebApiClient).RemoveAllLoggers().AddOutboundResilience(WebApiPolicy);
        services.AddMetrics();
        services.TryAddSingleton<BotMetrics>();
        services.AddSingleton<SlackResponder>();
        services.AddSingleton<SlackModerators>();
        services.AddSingleton<SlackEdits>();
        services.AddSingleton<SlackCommandService>();

        if (http)
        {
            services.AddSingleton<SlackRequestVerifier>();
            services.AddSingleton<SlackHttpHandler>();
        }

        if (socketMode)
        {
            services.TryAddSingleton<ISlackSocketFactory, ClientWebSocketFactory>();
            services.AddHostedService<SocketModeWorker>();
        }

        return services;
    }
}
