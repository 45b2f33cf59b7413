using System.Collections.Concurrent;
using System.Text;
using Bot.Core.Operations;
using Microsoft.Extensions.Logging;

namespace Bot.Slack;

/// <summary>
/// Posts messages to Slack <c>response_url</c>s, keeping to their limits: at most 5 posts within 30 minutes of the
/// payload that carried the URL. Uses are counted per URL in this process (each button press brings a fresh URL).
/// A 429 or 5xx is retried by <see cref="OutboundRetry"/>'s rule (one use: Slack counts posts it accepted).
/// </summary>
internal sealed class SlackResponder(IHttpClientFactory clients, TimeProvider time, ILogger<SlackResponder> logger)
{
    public const string HttpClientName = "Slack";
    public const int MaxUses = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>A button press waits for its page; a longer <c>Retry-After</c> than this is not worth waiting out.</summary>
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(10);

    private const int PruneThreshold = 1024;

    private readonly ConcurrentDictionary<string, Budget> _budgets = new(StringComparer.Ordinal);

    /// <summary>Posts <paramref name="json"/>; false when the URL is spent, refused, or the post failed (already logged).</summary>
    public async Task<bool> PostAsync(Uri responseUrl, string json, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        if (!TryUse(responseUrl, receivedAt))
        {
            logger.ResponseUrlExhausted();
            return false;
        }

        var client = clients.CreateClient(HttpClientName);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var content = new StringContent(json, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(responseUrl, content, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }

                var wait = OutboundRetry.Delay(response, attempt, time);
                if (!OutboundRetry.IsTransient(response.StatusCode) || attempt >= OutboundRetry.MaxAttempts
                    || wait > MaxRetryWait || time.GetUtcNow() + wait - receivedAt > Lifetime)
                {
                    logger.ResponseUrlRejected((int)response.StatusCode);
                    return false;
                }

                logger.ResponseUrlRetrying((int)response.StatusCode, wait, attempt);
                await Task.Delay(wait, time, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                logger.ResponseUrlFailed(exception);
                return false;
            }
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
