using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Discord;

/// <summary>
/// The named client for Discord's REST API (interaction callbacks and edits, <c>GET /gateway/bot</c>, command
/// registration), with the <c>User-Agent</c> Discord requires and <see cref="OutboundHttp"/>'s rule. A 429's wait is
/// Discord's <c>retry_after</c> (body), else <c>Retry-After</c>, else <c>X-RateLimit-Reset-After</c>. Requests are not
/// logged: callback URLs carry interaction tokens.
/// </summary>
internal static class DiscordRest
{
    public const string ClientName = "Discord";

    /// <summary>
    /// Three attempts; a rate limit longer than a minute is reported instead of waited out. An interaction's requests
    /// carry their own deadline (3 seconds for the initial response, 15 minutes for edits), which no retry passes.
    /// </summary>
    public static readonly OutboundPolicy Policy = new()
    {
        MaxAttempts = 3,
        MaxRetryWait = TimeSpan.FromSeconds(60),
        AttemptTimeout = TimeSpan.FromSeconds(15),
        TotalTimeout = TimeSpan.FromMinutes(3),
        RetryAfter = RetryAfterAsync,
    };

    public static IHttpClientBuilder AddDiscordRestClient(this IServiceCollection services) =>
        services.AddHttpClient(ClientName, (provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<DiscordOptions>>().Value;
                client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent(options));
            })
            .RemoveAllLoggers()
            .AddOutboundResilience(Policy);

    public static string UserAgent(DiscordOptions options) => $"DiscordBot ({options.ProjectUrl}, {Version()})";

    /// <summary>How long a 429 asks to wait (null for other answers, which use the standard backoff).</summary>
    public static async ValueTask<TimeSpan?> RetryAfterAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return null;
        }

        await response.Content.LoadIntoBufferAsync(); // read again by the caller when the 429 is final
        return RetryAfter(response, await response.Content.ReadAsStringAsync());
    }

    internal static TimeSpan RetryAfter(HttpResponseMessage response, string body)
    {
        var seconds = TryJson(body)?["retry_after"] is JsonValue value && value.TryGetValue<double>(out var fromBody) ? fromBody : (double?)null;
        seconds ??= response.Headers.RetryAfter?.Delta?.TotalSeconds;
        if (seconds is null && response.Headers.TryGetValues("X-RateLimit-Reset-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var resetAfter))
        {
            seconds = resetAfter;
        }

        return TimeSpan.FromSeconds(Math.Clamp(seconds ?? 1, 0, 3600));
    }

    internal static JsonNode? TryJson(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Version()
    {
        var version = typeof(DiscordRest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? version[..plus] : version;
    }
}
