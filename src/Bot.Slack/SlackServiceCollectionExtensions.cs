using Bot.Core.Operations;
using Bot.Slack.SocketMode;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.Slack;

public static class SlackServiceCollectionExtensions
{
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
        services.AddHttpClient(SlackResponder.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddMetrics();
        services.TryAddSingleton<BotMetrics>();
        services.AddSingleton<SlackResponder>();
        services.AddSingleton<SlackModerators>();
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
