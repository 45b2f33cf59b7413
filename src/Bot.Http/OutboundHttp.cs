using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace Bot.Http;

/// <summary>
/// How one named client calls its platform: attempts in all, the longest wait for a retry the platform may ask for,
/// and timeouts for one attempt and for the whole call (retries and waits included).
/// </summary>
public sealed record OutboundPolicy
{
    public required int MaxAttempts { get; init; }

    /// <summary>A <c>Retry-After</c> (or <c>retry_after</c>) longer than this is not waited out: the refusal is final.</summary>
    public required TimeSpan MaxRetryWait { get; init; }

    public required TimeSpan AttemptTimeout { get; init; }

    /// <summary>The whole call, retries included; inside the window the platform gives the caller.</summary>
    public required TimeSpan TotalTimeout { get; init; }

    /// <summary>The wait before the second attempt when the platform named none; doubled per attempt, with jitter.</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The wait a refusal asks for beyond the standard <c>Retry-After</c> header (Discord's <c>retry_after</c> body),
    /// or null to use the header.
    /// </summary>
    public Func<HttpResponseMessage, ValueTask<TimeSpan?>>? RetryAfter { get; init; }
}

/// <summary>
/// The one rule for calls the bot makes to Discord's and Slack's APIs, as a Microsoft.Extensions.Http.Resilience
/// handler on each named client: a transient failure (408, 429, 5xx, a failed connection, an attempt timing out) is
/// tried again, at most <see cref="OutboundPolicy.MaxAttempts"/> times in all, after the wait the platform asked for
/// (<c>Retry-After</c>, or Discord's <c>retry_after</c>), else after an exponential backoff with jitter. A wait longer
/// than <see cref="OutboundPolicy.MaxRetryWait"/>, or one that would end after the request's <see cref="Deadline"/>,
/// is not waited out: the refusal is returned at once. Everything else (2xx, other 4xx) is final. Each retry is
/// logged with the client's name, the status or error and the wait (never the URL: some carry tokens).
/// </summary>
public static partial class OutboundHttp
{
    /// <summary>When the answer is of no use any more (a Discord interaction's 3 seconds, a response_url's 30 minutes).</summary>
    public static readonly HttpRequestOptionsKey<DateTimeOffset> Deadline = new("Bot.Http.Deadline");

    public static IHttpClientBuilder AddOutboundResilience(this IHttpClientBuilder builder, OutboundPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(policy);

        // The resilience handler owns the timeouts; HttpClient's own timeout would cut a retry's wait short.
        builder.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        var client = builder.Name;
        builder.AddResilienceHandler("outbound", (pipeline, context) =>
        {
            var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OutboundHttp));
            pipeline.TimeProvider = time;
            pipeline
                .AddTimeout(policy.TotalTimeout)
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = policy.MaxAttempts - 1,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = policy.FirstBackoff,
                    ShouldRetryAfterHeader = false, // the delay generator below reads it (and Discord's body)
                    ShouldHandle = args => ShouldRetryAsync(args.Outcome, policy, time),
                    DelayGenerator = args => args.Outcome.Result is { } response ? AskedDelayAsync(response, policy, time) : ValueTask.FromResult<TimeSpan?>(null),
                    OnRetry = args =>
                    {
                        var failure = args.Outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : args.Outcome.Exception?.GetType().Name ?? "failure";
                        Retrying(logger, client, failure, args.RetryDelay, args.AttemptNumber + 2);
                        return default;
                    },
                })
                .AddTimeout(policy.AttemptTimeout);
        });
        return builder;
    }

    /// <summary>The wait given by a <c>Retry-After</c> header (seconds or a date), if any.</summary>
    public static TimeSpan? RetryAfterHeader(HttpResponseHeaders headers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(time);
        if (headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : TimeSpan.Zero);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, OutboundPolicy policy, TimeProvider time)
    {
        if (outcome.Exception is OperationCanceledException)
        {
            return false; // the caller gave up (its window closed, or the host is stopping)
        }

        if (!HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }

        if (outcome.Result is not { } response)
        {
            return true; // a failed connection or an attempt that timed out
        }

        var wait = await AskedDelayAsync(response, policy, time) ?? TimeSpan.Zero;
        if (wait > policy.MaxRetryWait)
        {
            return false;
        }

        return !(response.RequestMessage?.Options.TryGetValue(Deadline, out var deadline) == true && time.GetUtcNow() + wait >= deadline);
    }

    private static async ValueTask<TimeSpan?> AskedDelayAsync(HttpResponseMessage response, OutboundPolicy policy, TimeProvider time) =>
        (policy.RetryAfter is { } platform ? await platform(response) : null) ?? RetryAfterHeader(response.Headers, time);

    [LoggerMessage(EventId = 6000, Level = LogLevel.Warning, Message = "{Client}: {Failure}; trying again in {Delay} (attempt {Attempt})")]
    private static partial void Retrying(ILogger logger, string client, string failure, TimeSpan delay, int attempt);
}
