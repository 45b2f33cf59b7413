using System.Net;

namespace Bot.Core.Operations;

/// <summary>
/// The one rule for calls the bot makes to Discord's and Slack's APIs: a 429 or a server error a retry can cure (500,
/// 502, 503, 504) is tried again at most <see cref="MaxAttempts"/> times in all, after the platform's
/// <c>Retry-After</c> when it sent one, else after an exponential backoff with jitter; a wait longer than the caller
/// can afford means giving up at once. Everything else (2xx, 4xx) is final.
/// </summary>
public static class OutboundRetry
{
    public const int MaxAttempts = 3;

    /// <summary>The first backoff when the platform gave no <c>Retry-After</c>; doubled for each further attempt.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);

    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// How long to wait before attempt <paramref name="attempt"/> + 1: the <c>Retry-After</c> header (seconds or a
    /// date), else <see cref="FirstBackoff"/> × 2^(attempt − 1) plus up to 25 % jitter.
    /// </summary>
    public static TimeSpan Delay(HttpResponseMessage response, int attempt, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : TimeSpan.Zero);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        var backoff = FirstBackoff * Math.Pow(2, Math.Clamp(attempt - 1, 0, 10));
        return backoff + (backoff * (Random.Shared.NextDouble() * 0.25));
    }
}
