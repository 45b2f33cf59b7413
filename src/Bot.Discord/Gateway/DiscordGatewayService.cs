using System.Net;
using System.Net.Http.Headers;
using Bot.Core.Operations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Bot.Discord.Gateway;

/// <summary>
/// Gateway mode: asks <c>GET /gateway/bot</c> (bot token) for the URL, the recommended shard count and the session
/// start limit, then runs every shard in this process, identifying within <c>max_concurrency</c> and the remaining
/// session starts. A fatal close (bad token, bad shard, intents) or a refused token stops the application with a
/// clear log line and exit code <see cref="ExitStatus.DiscordRefused"/> (3), so a supervisor alerts on it.
/// </summary>
internal sealed class DiscordGatewayService(
    IOptions<DiscordOptions> options,
    IGatewaySocketFactory sockets,
    IHttpClientFactory clients,
    GatewayInteractionDispatcher dispatcher,
    GatewayStatus status,
    GatewayMetrics metrics,
    GatewayTimings timings,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ExitStatus exit,
    ILogger<DiscordGatewayService> logger,
    IIdentifyLock? identifyLock = null) : BackgroundService
{
    private readonly DiscordOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var info = await GetGatewayBotWithRetriesAsync(stoppingToken);
        if (info is null)
        {
            return;
        }

        var limit = info.Limit;
        var gateway = _options.Gateway ?? new DiscordGatewayOptions();
        var total = gateway.ShardCount > 0 ? gateway.ShardCount : info.Shards;
        int[] ids = string.IsNullOrWhiteSpace(gateway.Shards)
            ? [.. Enumerable.Range(0, total)]
            : DiscordGatewayOptions.ParseShards(gateway.Shards, total).Ids!; // validated at start-up
        status.Reset(total, ids);
        logger.GatewayEnabled(total, limit.MaxConcurrency, limit.Remaining, limit.Total);
        if (total < info.Shards)
        {
            logger.FewerShardsThanRecommended(total, info.Shards);
        }

        var shardList = string.Join(',', ids);
        logger.RunningShards(shardList, total);
        if (limit.Remaining < ids.Length)
        {
            logger.SessionStartsLow(limit.Remaining, limit.Total, limit.ResetAfter);
        }

        var gate = new IdentifyGate(limit, timings.IdentifyWindow, time, logger, identifyLock);
        var context = new ShardContext(info.Url, total, _options.BotToken ?? "", gate, sockets, dispatcher, status, metrics, timings, time, logger);
        using var all = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);

        // Started in shard-id order, so the identify gate lets them in bucket by bucket.
        var shards = ids.Select(id => RunShardAsync(new GatewayShard(id, context), all)).ToArray();
        await Task.WhenAll(shards);
    }

    /// <summary>
    /// Closes the shards (no new interactions arrive), then waits for the answers to interactions already received:
    /// Discord does not send those again, so leaving them would lose them. Bounded by the host's shutdown timeout.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await dispatcher.DrainAsync(cancellationToken);
    }

    private async Task RunShardAsync(GatewayShard shard, CancellationTokenSource all)
    {
        try
        {
            var reason = await shard.RunAsync(all.Token);
            if (!all.IsCancellationRequested)
            {
                await all.CancelAsync();
                Stop(reason);
            }
        }
        catch (OperationCanceledException) when (all.IsCancellationRequested)
        {
            // The host is stopping, or another shard failed for good.
        }
    }

    private async Task<GatewayBotInfo?> GetGatewayBotWithRetriesAsync(CancellationToken stoppingToken)
    {
        for (var failures = 1; ; failures++)
        {
            TimeSpan delay;
            string reason;
            try
            {
                var (info, error, fatal, retryAfter) = await GetGatewayBotAsync(stoppingToken);
                if (info is not null)
                {
                    return info;
                }

                if (fatal)
                {
                    Stop(error);
                    return null;
                }

                reason = error;
                delay = retryAfter is { } wait && wait > timings.Backoff(failures) ? wait : timings.Backoff(failures);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or TimeoutRejectedException)
            {
                reason = exception.GetType().Name;
                delay = timings.Backoff(failures);
            }

            logger.GatewayBotFailed(reason, delay);
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }

    private async Task<(GatewayBotInfo? Info, string Error, bool Fatal, TimeSpan? RetryAfter)> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_options.ApiBaseUrl.TrimEnd('/') + "/gateway/bot"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _options.BotToken);
        using var response = await clients.CreateClient(DiscordRest.ClientName).SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return (null, "GET /gateway/bot answered 401: Discord refused Discord:BotToken (reset the token on the Developer Portal's Bot page and update the setting)", true, null);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return (null, "GET /gateway/bot rate limited (429)", false, DiscordRest.RetryAfter(response, text));
        }

        if (!response.IsSuccessStatusCode)
        {
            return (null, $"GET /gateway/bot answered HTTP {(int)response.StatusCode}", false, null);
        }

        var info = GatewayBotInfo.Parse(text);
        return info is null
            ? (null, "GET /gateway/bot returned no usable wss URL", false, null)
            : (info, "", false, null);
    }

    private void Stop(string reason)
    {
        logger.GatewayStopped(reason);
        exit.Fail(ExitStatus.DiscordRefused);
        lifetime.StopApplication();
    }
}
