using System.Net;
using System.Text.Json;
using Bot.Discord.Interactions;
using Bot.Discord.Registration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Gateway;

/// <summary>
/// Answers an <c>INTERACTION_CREATE</c> with the same <see cref="DiscordInteractionResponder"/> the HTTP endpoint uses,
/// then sends the response with <c>POST /interactions/{id}/{token}/callback</c>. A 429 is waited out
/// (<c>retry_after</c>) and retried a bounded number of times, but only while the answer can still arrive inside the
/// 3-second window Discord gives the initial response; after that the interaction token is dead, so it gives up.
/// </summary>
internal sealed class GatewayInteractionDispatcher(
    DiscordInteractionResponder responder,
    IHttpClientFactory clients,
    IOptions<DiscordOptions> options,
    GatewayTimings timings,
    TimeProvider time,
    ILogger<GatewayInteractionDispatcher> logger)
{
    public const string HttpClientName = "Discord.Gateway";

    private readonly string _apiRoot = options.Value.ApiBaseUrl.TrimEnd('/');

    /// <summary>Answers one interaction; never throws (failures are logged without the token or body).</summary>
    public async Task HandleAsync(int shard, JsonElement data, long receivedAt)
    {
        if (data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("id", out var idElement) || idElement.GetString() is not { Length: > 0 } id
            || !data.TryGetProperty("token", out var tokenElement) || tokenElement.GetString() is not { Length: > 0 } token)
        {
            logger.MalformedInteraction(shard);
            return;
        }

        Interaction? interaction;
        try
        {
            interaction = data.Deserialize(DiscordJson.Interaction);
        }
        catch (JsonException)
        {
            interaction = null;
        }

        if (interaction is null || interaction.Type <= 0)
        {
            logger.MalformedInteraction(shard);
            return;
        }

        var body = DiscordJson.Serialize(await responder.RespondAsync(interaction, CancellationToken.None));
        await PostCallbackAsync(id, token, body, receivedAt);
    }

    internal async Task<bool> PostCallbackAsync(string id, string token, byte[] body, long receivedAt)
    {
        var url = new Uri($"{_apiRoot}/interactions/{Uri.EscapeDataString(id)}/{Uri.EscapeDataString(token)}/callback");
        var client = clients.CreateClient(HttpClientName);
        for (var attempt = 1; ; attempt++)
        {
            var left = timings.CallbackWindow - time.GetElapsedTime(receivedAt);
            if (left <= TimeSpan.Zero)
            {
                logger.CallbackFailed(id, "the 3-second window for the initial response had passed");
                return false;
            }

            try
            {
                using var timeout = new CancellationTokenSource(left, time);
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new("application/json");
                using var response = await client.SendAsync(request, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    var elapsed = time.GetElapsedTime(receivedAt).TotalMilliseconds;
                    logger.CallbackSent(id, elapsed, attempt);
                    return true;
                }

                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var text = await response.Content.ReadAsStringAsync(timeout.Token);
                    var wait = DiscordCommandRegistrar.RetryAfter(response, text);
                    if (attempt >= timings.MaxCallbackAttempts || time.GetElapsedTime(receivedAt) + wait >= timings.CallbackWindow)
                    {
                        logger.CallbackFailed(id, $"rate limited (429) and a retry after {wait.TotalSeconds:0.###} s would miss the 3-second window");
                        return false;
                    }

                    logger.CallbackRateLimited(id, wait);
                    await Task.Delay(wait, time, timeout.Token);
                    continue;
                }

                logger.CallbackFailed(id, $"HTTP {(int)response.StatusCode}");
                return false;
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                logger.CallbackFailed(id, exception is OperationCanceledException ? "timed out inside the 3-second window" : exception.GetType().Name);
                return false;
            }
        }
    }
}
