using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bot.Core.Commands;
using Bot.Discord.Interactions;
using Bot.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Bot.Discord.Gateway;

/// <summary>
/// Answers an <c>INTERACTION_CREATE</c> with the same <see cref="DiscordInteractionResponder"/> the HTTP endpoint uses,
/// then sends the response with <c>POST /interactions/{id}/{token}/callback</c>. A 429 (after <c>retry_after</c>), a
/// 5xx a retry can cure and a failed connection are retried by <see cref="DiscordRest"/>'s client, but only while the
/// answer can still arrive inside the 3-second window Discord gives the initial response; after that the interaction
/// token is dead, so it gives up. Interactions being answered are tracked: stopping the host
/// waits for them (<see cref="DrainAsync"/>), since Discord does not deliver them again.
/// A slash command whose answer is not ready within <see cref="GatewayTimings.DeferAfter"/> is deferred (type 5,
/// "thinking…", not ephemeral since whether the answer will be private is not known yet) and the answer is edited in
/// with <c>PATCH /webhooks/{application_id}/{token}/messages/@original</c> once it is ready, with the same retries.
/// </summary>
internal sealed class GatewayInteractionDispatcher(
    DiscordInteractionResponder responder,
    IHttpClientFactory clients,
    IOptions<DiscordOptions> options,
    GatewayTimings timings,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<GatewayInteractionDispatcher> logger)
{
    /// <summary>DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: "thinking…" now, the message later.</summary>
    internal const int DeferredChannelMessage = 5;

    internal static readonly byte[] DeferredBody = DiscordJson.Serialize(new InteractionResponse(DeferredChannelMessage));

    // Commands whose answers are always private are acknowledged privately, so the edited-in answer stays private too.
    internal static readonly byte[] DeferredPrivateBody = DiscordJson.Serialize(
        new InteractionResponse(DeferredChannelMessage, new InteractionCallbackData { Flags = DiscordAnswerRenderer.Ephemeral }));

    private static readonly JsonTypeInfo<InteractionCallbackData> MessageJson =
        (JsonTypeInfo<InteractionCallbackData>)DiscordJson.Compact.GetTypeInfo(typeof(InteractionCallbackData));

    private readonly string _apiRoot = options.Value.ApiBaseUrl.TrimEnd('/');
    private readonly string? _applicationId = options.Value.ApplicationId;
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();

    /// <summary>Answers one interaction off the caller's thread, tracked so that <see cref="DrainAsync"/> can wait for it.</summary>
    public void Dispatch(int shard, JsonElement data, long receivedAt)
    {
        var task = Task.Run(() => HandleAsync(shard, data, receivedAt));
        _inFlight.TryAdd(task, 0);
        task.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits for every interaction being answered (on shutdown), until <paramref name="cancellationToken"/> fires.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var pending = _inFlight.Keys.ToArray();
        if (pending.Length == 0)
        {
            return;
        }

        logger.DrainingInteractions(pending.Length);
        try
        {
            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.DrainAbandoned(_inFlight.Count);
        }
    }

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

        var answerStarted = time.GetTimestamp();
        var answering = responder.RespondAsync(interaction, CancellationToken.None);
        if (!answering.IsCompleted && interaction.Type == InteractionType.ApplicationCommand)
        {
            // Only a slash command is deferred: a button's answer comes from memory (a type 5 would post a new message).
            var budget = timings.DeferAfter - time.GetElapsedTime(receivedAt);
            try
            {
                if (budget <= TimeSpan.Zero)
                {
                    throw new TimeoutException();
                }

                await answering.WaitAsync(budget, time);
            }
            catch (TimeoutException)
            {
                await DeferAsync(shard, id, token, interaction, answering, answerStarted, receivedAt);
                return;
            }
        }

        var response = await answering;
        var answerTime = time.GetElapsedTime(answerStarted);
        var body = DiscordJson.Serialize(response);
        if (await PostCallbackAsync(id, token, body, receivedAt))
        {
            metrics.InteractionResponded(shard, time.GetElapsedTime(receivedAt), answerTime);
        }
    }

    /// <summary>Sends type 5 now, then edits the answer into the original response when the core has it.</summary>
    private async Task DeferAsync(int shard, string id, string token, Interaction interaction, Task<InteractionResponse> answering, long answerStarted, long receivedAt)
    {
        var waited = Math.Round(time.GetElapsedTime(receivedAt).TotalMilliseconds, 1);
        logger.InteractionDeferred(id, waited);
        var alwaysPrivate = CommandCatalog.Find(interaction.Data?.Name)?.AnswersArePrivate == true;
        if (!await PostCallbackAsync(id, token, alwaysPrivate ? DeferredPrivateBody : DeferredBody, receivedAt))
        {
            return;
        }

        metrics.InteractionResponded(shard, time.GetElapsedTime(receivedAt), null);
        var response = await answering;
        metrics.AnswerTime(shard, time.GetElapsedTime(answerStarted));
        var applicationId = interaction.ApplicationId is { Length: > 0 } fromInteraction ? fromInteraction : _applicationId;
        if (applicationId is not { Length: > 0 })
        {
            logger.EditFailed(id, "the interaction carries no application_id and Discord:ApplicationId is not set");
            return;
        }

        await EditOriginalAsync(id, applicationId, token, EditBody(response), receivedAt);
    }

    /// <summary>
    /// The message part of a response, as Edit Original Interaction Response takes it: content, embeds, components and
    /// allowed_mentions. Flags are left out (a deferred response's visibility was fixed by the type 5).
    /// </summary>
    internal static byte[] EditBody(InteractionResponse response)
    {
        var data = response.Data ?? new InteractionCallbackData();
        return JsonSerializer.SerializeToUtf8Bytes(data with { Flags = null, Choices = null }, MessageJson);
    }

    internal Task<bool> PostCallbackAsync(string id, string token, byte[] body, long receivedAt) =>
        SendAsync(
            HttpMethod.Post,
            new Uri($"{_apiRoot}/interactions/{Uri.EscapeDataString(id)}/{Uri.EscapeDataString(token)}/callback"),
            id,
            body,
            receivedAt,
            edit: false);

    internal Task<bool> EditOriginalAsync(string id, string applicationId, string token, byte[] body, long receivedAt) =>
        SendAsync(
            HttpMethod.Patch,
            new Uri($"{_apiRoot}/webhooks/{Uri.EscapeDataString(applicationId)}/{Uri.EscapeDataString(token)}/messages/@original"),
            id,
            body,
            receivedAt,
            edit: true);

    /// <summary>
    /// Sends an initial response (<paramref name="edit"/> false: inside the 3-second window) or an edit of it (inside
    /// the interaction token's 15 minutes) on the <see cref="DiscordRest"/> client, whose rule retries 429s, curable
    /// 5xx and failed connections; the window is the request's deadline, so no retry waits past it.
    /// </summary>
    private async Task<bool> SendAsync(HttpMethod method, Uri url, string id, byte[] body, long receivedAt, bool edit)
    {
        var left = (edit ? timings.FollowUpWindow : timings.CallbackWindow) - time.GetElapsedTime(receivedAt);
        if (left <= TimeSpan.Zero)
        {
            Failed(id, edit, edit ? "the interaction token's 15 minutes had passed" : "the 3-second window for the initial response had passed");
            return false;
        }

        try
        {
            using var timeout = new CancellationTokenSource(left, time);
            using var request = new HttpRequestMessage(method, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Options.Set(OutboundHttp.Deadline, time.GetUtcNow() + left);
            using var response = await clients.CreateClient(DiscordRest.ClientName).SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                Failed(id, edit, response.StatusCode == HttpStatusCode.TooManyRequests
                    ? $"HTTP 429, retry after {DiscordRest.RetryAfter(response, await response.Content.ReadAsStringAsync(CancellationToken.None)).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s"
                    : $"HTTP {(int)response.StatusCode}");
                return false;
            }

            var elapsed = time.GetElapsedTime(receivedAt).TotalMilliseconds;
            if (edit)
            {
                logger.EditSent(id, elapsed);
            }
            else
            {
                logger.CallbackSent(id, elapsed);
            }

            return true;
        }
        catch (HttpRequestException exception)
        {
            Failed(id, edit, exception.HttpRequestError.ToString());
            return false;
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutRejectedException)
        {
            Failed(id, edit, edit ? "timed out inside the interaction token's 15 minutes" : "timed out inside the 3-second window");
            return false;
        }
    }

    private void Failed(string id, bool edit, string reason)
    {
        if (edit)
        {
            logger.EditFailed(id, reason);
        }
        else
        {
            logger.CallbackFailed(id, reason);
        }
    }
}
