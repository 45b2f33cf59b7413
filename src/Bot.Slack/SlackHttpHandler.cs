using System.Text;
using System.Text.Json;
using Bot.Core.Operations;
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
/// answered through the response_url after the response has been sent.
/// </summary>
internal sealed class SlackHttpHandler(
    SlackRequestVerifier verifier,
    SlackCommandService commands,
    SlackResponder responder,
    IOptions<SlackOptions> options,
    BotMetrics metrics,
    ILogger<SlackHttpHandler> logger,
    SlackEdits? edits = null)
{
    private const string Platform = "slack";

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
        var triggerId = form.TryGetValue("trigger_id", out var trigger) ? trigger.ToString() : null;
        var userName = form.TryGetValue("user_name", out var name) ? name.ToString() : null;
        var json = await commands.AnswerCommandAsync(command, form.TryGetValue("text", out var text) ? text.ToString() : null, teamId, userId, http.RequestAborted, channelId, triggerId, userName);
        http.Response.StatusCode = StatusCodes.Status200OK;
        if (json.Length == 0)
        {
            return; // a modal opened: an empty 200 shows nothing in the channel
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

        JsonDocument payload;
        try
        {
            payload = JsonDocument.Parse(form.TryGetValue("payload", out var p) ? p.ToString() : "");
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
            logger.BodyTooLarge(http.Request.ContentLength.Value, limit);
            metrics.Rejected(Platform, "too_large");
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return null;
        }

        var body = await ReadBodyAsync(http.Request.Body, limit, http.RequestAborted);
        if (body is null)
        {
            logger.BodyTooLarge(limit + 1L, limit);
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

            logger.RequestRejected(verdict.ToString());
            metrics.Rejected(Platform, verdict == SlackVerification.Stale ? "stale" : "signature");
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

    private static bool IsSslCheck(byte[] body) =>
        body.Length < 512 && QueryHelpers.ParseQuery(Encoding.ASCII.GetString(body)).TryGetValue("ssl_check", out var value) && value == "1";

    private Task RejectAsync(HttpContext http, int status, string reason)
    {
        logger.MalformedRequest(reason);
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
