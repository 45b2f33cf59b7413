namespace Bot.App.Hosting;

/// <summary>Logs, once at start, which chat adapters are configured (by whether their secret is set, never its value).</summary>
internal sealed partial class StartupReport(IConfiguration configuration, ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var discordHttp = !string.IsNullOrWhiteSpace(configuration["Discord:PublicKey"]);
        var discordGateway = string.Equals(configuration["Discord:Mode"], "gateway", StringComparison.OrdinalIgnoreCase)
            || (!discordHttp && !string.IsNullOrWhiteSpace(configuration["Discord:BotToken"]));
        var slackHttp = !string.IsNullOrWhiteSpace(configuration["Slack:SigningSecret"]);
        var slackSocket = !string.IsNullOrWhiteSpace(configuration["Slack:AppToken"]);
        var discord = discordGateway ? "on (Gateway)" : discordHttp ? "on (HTTP interactions)" : "off (neither Discord:PublicKey nor Discord:BotToken is set)";
        var slack = (slackHttp, slackSocket) switch
        {
            (true, true) => "on (HTTP and Socket Mode)",
            (true, false) => "on (HTTP)",
            (false, true) => "on (Socket Mode)",
            _ => "off (neither Slack:SigningSecret nor Slack:AppToken is set)",
        };
        Log.Adapters(logger, discord, slack);
        if (!discordHttp && !discordGateway && !slackHttp && !slackSocket)
        {
            Log.NoAdapters(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(4010, LogLevel.Information, "Chat adapters: Discord {Discord}; Slack {Slack}")]
        public static partial void Adapters(ILogger logger, string discord, string slack);

        [LoggerMessage(4011, LogLevel.Warning, "No chat adapter is configured: the bot serves /healthz only. See README \"Connect to Discord\" / \"Connect to Slack\".")]
        public static partial void NoAdapters(ILogger logger);
    }
}
