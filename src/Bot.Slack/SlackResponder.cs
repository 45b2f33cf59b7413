using System.Collections.Concurrent;
using System.Text;
using Bot.Core.Operations;
using Bot.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Bot.Slack;

/// <summary>
/// Posts messages to Slack <c>response_url</c>s, keeping to their limits: at most 5 posts within 30 minutes of the
/// payload that carried the URL. Uses are counted per URL in this process (each button press brings a fresh URL).
/// A 429 or 5xx is retried by <see cref="OutboundHttp"/>'s rule on the <see cref="HttpClientName"/> client (one use:
/// Slack counts posts it accepted), never past the URL's 30 minutes. Only URLs on Slack's hosts (or those in
/// <c>Slack:AllowedResponseHosts</c>) are posted to; any other is refused, logged and counted
/// (<c>bot_requests_rejected_total{reason="response_url"}</c>).
/// </summary>
internal sealed class SlackResponder(IHttpClientFactory clients, IOptions<SlackOptions> options, BotMetrics metrics, TimeProvider time, ILogger<SlackResponder> logger)
{
    public const string HttpClientName = "Slack.ResponseUrl";
    public const int MaxUses = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>
    /// A button press waits for its page: three attempts within 25 seconds, and a <c>Retry-After</c> longer than
    /// 10 seconds is not worth waiting out.
    /// </summary>
    public static readonly OutboundPolicy Policy = new()
    {
        MaxAttempts = 3,
        MaxRetryWait = TimeSpan.FromSeconds(10),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromSeconds(25),
    };

    private const int PruneThreshold = 1024;

    private readonly ConcurrentDictionary<string, Budget> _budgets = new(StringComparer.Ordinal);

    /// <summary>Posts <paramref name="json"/>; false when the URL is spent, refused, or the post failed (already logged).</summary>
    public async Task<bool> PostAsync(Uri responseUrl, string json, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        if (!options.Value.IsAllowedResponseUrl(responseUrl))
        {
            logger.ResponseUrlRefused(responseUrl.IdnHost.Length <= 64 ? responseUrl.IdnHost : responseUrl.IdnHost[..64]);
            metrics.Rejected("slack", "response_url");
            return false;
        }

        if (!TryUse(responseUrl, receivedAt))
        {
            logger.ResponseUrlExhausted();
            return false;
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl)
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
            request.Options.Set(OutboundHttp.Deadline, receivedAt + Lifetime);
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            logger.ResponseUrlRejected((int)response.StatusCode);
            return false;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or TimeoutRejectedException)
        {
            logger.ResponseUrlFailed(exception);
            return false;
        }
    }

    internal bool TryUse(Uri responseUrl, DateTimeOffset receivedAt)
    {
        var now = time.GetUtcNow();
        if (now - receivedAt > Lifetime)
        {
            return false;
        }

        if (_budgets.Count > PruneThreshold)
        {
            foreach (var (key, spent) in _budgets)
            {
                if (now - spent.FirstSeen > Lifetime)
                {
                    _budgets.TryRemove(key, out _);
                }
            }
        }

        var budget = _budgets.GetOrAdd(responseUrl.AbsoluteUri, _ => new Budget(receivedAt));
        return now - budget.FirstSeen <= Lifetime && Interlocked.Increment(ref budget.Uses) <= MaxUses;
    }

    private sealed class Budget(DateTimeOffset firstSeen)
    {
        public int Uses;

        public DateTimeOffset FirstSeen { get; } = firstSeen;
    }
}
