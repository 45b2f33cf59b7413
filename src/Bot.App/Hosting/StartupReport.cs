namespace Bot.App.Hosting;

/// <summary>Logs, once at start, which chat adapters are configured (by whether their secret is set, never its value).</summary>
internal sealed partial class StartupReport(IConfiguration configuration, ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var discord = !string.IsNullOrWhiteSpace(configuration["Discord:PublicKey"]);
        var slack = !string.IsNullOrWhiteSpace(configuration["Slack:SigningSecret"]) || !string.IsNullOrWhiteSpace(configuration["Slack:AppToken"]);
        Log.Adapters(logger, discord ? "on" : "off (Discord:PublicKey not set)", slack ? "on" : "off (Slack:SigningSecret not set)");
        if (!discord && !slack)
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
