using System.Text;
using System.Text.Json;
using Bot.Core.Operations;
using Bot.Core.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Bot.Slack;

/// <summary>
/// <c>POST /slack/commands</c> and <c>POST /slack/interactions</c>: cap the body (413), verify the signature on the raw
/// bytes before anything else (401, empty body), parse the form (400), then answer with HTTP 200 inside Slack's
/// 3-second window. User errors are 200 with an ephemeral message; button presses are acknowledged at once and
/// answered through the response_url after the response has been sent. A signature already received within twice the
/// timestamp window is a replay: 401, like a forgery (Slack signs every delivery afresh, retries included).
/// </summary>
internal sealed class SlackHttpHandler(
    SlackRequestVerifier verifier,
    SlackCommandService commands,
    SlackResponder responder,
    IOptions<SlackOptions> options,
    BotMetrics metrics,
    TimeProvider time,
    ILogger<SlackHttpHandler> logger,
    SlackEdits? edits = null)
{
    private const string Platform = "slack";

    private readonly LogThrottle _refusals = new(time);

    private readonly ReplayGuard? _replays = options.Value.RejectReplays ? new(time, 2 * SlackRequestVerifier.MaxClockSkew) : null;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task HandleCommandAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var form = await ReadVerifiedFormAsync(http);
        if (form is null)
        {
            return;
        }

        if (form.TryGetValue("ssl_check", out var sslCheck) && sslCheck == "1")
        {
            logger.SslCheck();
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var command = form.TryGetValue("command", out var c) ? c.ToString() : "";
        if (!command.StartsWith('/') || command.Length < 2)
        {
            await RejectAsync(http, StatusCodes.Status400BadRequest, "the form has no command");
            return;
        }

        var teamId = form.TryGetValue("team_id", out var team) ? team.ToString() : null;
        var userId = form.TryGetValue("user_id", out var user) ? user.ToString() : null;
        var channelId = form.TryGetValue("channel_id", out var channel) ? channel.ToString() : null;
        var responseUrl = form.TryGetValue("response_url", out var url) ? url.ToString() : null;
        var triggerId = form.TryGetValue("trigger_id", out var trigger) ? trigger.ToString() : null;
        var userName = form.TryGetValue("user_name", out var name) ? name.ToString() : null;
        var json = await commands.AnswerOrDeferAsync(
            command, form.TryGetValue("text", out var text) ? text.ToString() : null, teamId, userId, channelId, responseUrl,
            followUp => http.Response.OnCompleted(async () =>
            {
                var ready = await followUp;
                if (ready.Json.Length > 0) // empty when a slow command opened a modal: nothing to post
                {
                    await responder.PostAsync(ready.ResponseUrl, ready.Json, ready.ReceivedAt, CancellationToken.None);
                }
            }),
            triggerId,
            userName);
        http.Response.StatusCode = StatusCodes.Status200OK;
        if (json is not { Length: > 0 })
        {
            return; // an empty 200: deferred (the answer follows through the response_url), or a modal opened
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = json.Length;
        await http.Response.Body.WriteAsync(json, http.RequestAborted);
    }

    public async Task HandleInteractionAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var form = await ReadVerifiedFormAsync(http);
        if (form is null)
        {
            return;
        }

        if (form.TryGetValue("ssl_check", out var sslCheck) && sslCheck == "1")
        {
            logger.SslCheck();
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var text = form.TryGetValue("payload", out var p) ? p.ToString() : "";
        if (JsonText.HasInvalidUnicode(text))
        {
            await RejectAsync(http, StatusCodes.Status400BadRequest, "the payload holds text that is not valid Unicode (a lone surrogate such as \\ud800)");
            return;
        }

        JsonDocument payload;
        try
        {
            payload = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            await RejectAsync(http, StatusCodes.Status400BadRequest, "the payload field is not JSON");
            return;
        }

        using (payload)
        {
            if (payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                await RejectAsync(http, StatusCodes.Status400BadRequest, "the payload field is not a JSON object");
                return;
            }

            var kind = SlackCommandService.Str(payload.RootElement, "type");
            if (kind == "view_submission" && edits is not null && await edits.SubmitAsync(payload.RootElement, http.RequestAborted) is { } update)
            {
                var body = Encoding.UTF8.GetBytes(SlackAnswerRenderer.Serialize(update));
                http.Response.StatusCode = StatusCodes.Status200OK;
                http.Response.ContentType = "application/json; charset=utf-8";
                http.Response.ContentLength = body.Length;
                await http.Response.Body.WriteAsync(body, http.RequestAborted);
                return;
            }

            if (kind == "block_actions" && edits?.ButtonAsync(payload.RootElement) is { } press)
            {
                http.Response.OnCompleted(press); // acknowledge first, then update the modal
            }
            else if (kind == "block_actions"
                && await commands.HandleBlockActionsAsync(payload.RootElement, http.RequestAborted) is { } followUp)
            {
                // Acknowledge first; post the page once the 200 has gone out.
                http.Response.OnCompleted(() => responder.PostAsync(followUp.ResponseUrl, followUp.Json, followUp.ReceivedAt, CancellationToken.None));
            }
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>The verified form, or null when a response (413, 401, 400) has already been set.</summary>
    private async Task<Dictionary<string, StringValues>?> ReadVerifiedFormAsync(HttpContext http)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            if (LogRefusal())
            {
                logger.BodyTooLarge(http.Request.ContentLength.Value, limit);
            }

            metrics.Rejected(Platform, "too_large");
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return null;
        }

        byte[]? body;
        try
        {
            body = await ReadBodyAsync(http.Request.Body, limit, http.RequestAborted);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            // The client went away or sent its body too slowly (Kestrel's BadHttpRequestException is an IOException):
            // nothing to answer and nothing wrong with the bot, so no stack trace.
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.BodyNotReceived(exception.GetType().Name);
            }

            metrics.Rejected(Platform, "aborted");
            if (!http.Response.HasStarted)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
            }

            return null;
        }

        if (body is null)
        {
            if (LogRefusal())
            {
                logger.BodyTooLarge(limit + 1L, limit);
            }

            metrics.Rejected(Platform, "too_large");
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return null;
        }

        var headers = http.Request.Headers;
        var verdict = verifier.Verify(headers[SlackRequestVerifier.TimestampHeader], headers[SlackRequestVerifier.SignatureHeader], body);
        if (verdict != SlackVerification.Valid)
        {
            if (verdict == SlackVerification.MissingHeaders && IsSslCheck(body))
            {
                // Slack's certificate probe may come unsigned; it gets an empty 200 and does nothing.
                logger.SslCheck();
                http.Response.StatusCode = StatusCodes.Status200OK;
                return null;
            }

            if (logger.IsEnabled(LogLevel.Information) && LogRefusal())
            {
                logger.RequestRejected(verdict.ToString());
            }

            metrics.Rejected(Platform, verdict == SlackVerification.Stale ? "stale" : "signature");
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return null;
        }

        if (_replays is not null && !_replays.FirstSeen(headers[SlackRequestVerifier.SignatureHeader].ToString()))
        {
            if (LogRefusal())
            {
                logger.RequestRejected("a request already received (a replay)");
            }

            metrics.Rejected(Platform, "replay");
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return null;
        }

        if (!(http.Request.ContentType ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            await RejectAsync(http, StatusCodes.Status400BadRequest, "the body is not application/x-www-form-urlencoded");
            return null;
        }

        try
        {
            return QueryHelpers.ParseQuery(StrictUtf8.GetString(body));
        }
        catch (DecoderFallbackException)
        {
            await RejectAsync(http, StatusCodes.Status400BadRequest, "the body is not UTF-8");
            return null;
        }
    }

    /// <summary>Whether a refusal may be logged now (at most 10 a minute; the rest are counted in the metrics and summed up once).</summary>
    private bool LogRefusal()
    {
        if (!_refusals.Allow(out var skipped))
        {
            return false;
        }

        if (skipped > 0)
        {
            logger.RefusalsNotLogged(skipped);
        }

        return true;
    }

    private static bool IsSslCheck(byte[] body) =>
        body.Length < 512 && QueryHelpers.ParseQuery(Encoding.ASCII.GetString(body)).TryGetValue("ssl_check", out var value) && value == "1";

    private Task RejectAsync(HttpContext http, int status, string reason)
    {
        if (LogRefusal())
        {
            logger.MalformedRequest(reason);
        }

        metrics.Rejected(Platform, "malformed");
        http.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer.</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
