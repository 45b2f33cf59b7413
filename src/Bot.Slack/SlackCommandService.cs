using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Querying;
using Bot.Core.Rendering;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Slack;

/// <summary>A post to make to a response_url once the interaction has been acknowledged.</summary>
internal sealed record SlackFollowUp(Uri ResponseUrl, string Json, DateTimeOffset ReceivedAt);

/// <summary>
/// What the HTTP endpoints and Socket Mode share: a slash command's fields → the core's text form → an answer →
/// the message JSON; a paging button press → the page from its token → a message for the response_url. Both go
/// through the core's one pipeline (<see cref="QueryEngine.AnswerAsync"/>: rate limited and counted). Never throws
/// for a failure in the core: that becomes a short ephemeral apology and an error log.
/// </summary>
internal sealed class SlackCommandService(QueryEngine engine, SlackModerators moderators, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackCommandService> logger, SlackEdits? edits = null)
{
    private readonly SlackOptions _options = options.Value;

    /// <summary>The reply to a slash command, as the message JSON in UTF-8 (with <c>response_type</c>).</summary>
    /// <remarks>The team, user and channel ids serve the moderator check and the rate limits only.</remarks>
    /// <returns>The message JSON, or an empty array when the command opened a modal and needs no reply.</returns>
    public async Task<byte[]> AnswerCommandAsync(string command, string? text, string? teamId, string? userId, CancellationToken cancellationToken, string? channelId = null, string? triggerId = null, string? userName = null)
    {
        var name = command.Trim();
        try
        {
            var typed = string.IsNullOrWhiteSpace(text) ? name : $"{name} {text.Trim()}";
            var parsed = TextCommandParser.Parse(typed, _options.Locale);

            // The group lookup is a Web API call: made only for commands that need a moderator.
            var isModerator = parsed.Command?.ModeratorOnly == true && await moderators.IsModeratorAsync(userId, cancellationToken);
            var request = From(parsed.ToRequest(_options.Locale), teamId, userId, channelId, RequestTrigger.Command) with { IsModerator = isModerator };
            if (edits is not null && SlackEdits.OpensForm(request) && parsed.Command is not null)
            {
                var reply = await edits.OpenAsync(request, teamId, userId, userName, triggerId, cancellationToken);
                logger.CommandAnswered(name, teamId, Bot.Core.Answers.AnswerKind.Found);
                return reply is null ? [] : Encoding.UTF8.GetBytes(SlackAnswerRenderer.Serialize(reply));
            }

            if (edits is not null && edits.AnswersHistory(request))
            {
                logger.CommandAnswered(name, teamId, Bot.Core.Answers.AnswerKind.Found);
                return Encoding.UTF8.GetBytes(SlackAnswerRenderer.Serialize(await edits.HistoryAsync(teamId, userId, userName, cancellationToken)));
            }

            var answer = await engine.AnswerAsync(request, cancellationToken);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.CommandAnswered(LogText.Escape(name), LogText.Escape(teamId), answer.Kind);
            }

            var responseType = answer.IsPrivate ? SlackOptions.Ephemeral : _options.ResponseTypeFor(name);
            return SlackAnswerRenderer.RenderUtf8(answer, responseType);
        }
        catch (Exception exception)
        {
            logger.CommandFailed(exception, LogText.Escape(name.Length <= 40 ? name : name[..40]), LogText.Escape(teamId));
            var apology = SlackAnswerRenderer.Notice(UiText.Apology.For(_options.Locale));
            apology["response_type"] = SlackOptions.Ephemeral;
            return Encoding.UTF8.GetBytes(SlackAnswerRenderer.Serialize(apology));
        }
    }

    /// <summary>The request with who asked and where (team-qualified: ids are unique per workspace), and how.</summary>
    private static BotRequest From(BotRequest request, string? teamId, string? userId, string? channelId, RequestTrigger trigger) => request with
    {
        Platform = "slack",
        UserId = userId is null ? null : teamId + "/" + userId,
        ChannelId = channelId is null ? null : teamId + "/" + channelId,
        Trigger = trigger,
    };

    /// <summary>The follow-up for a <c>block_actions</c> payload, or null when it holds no paging button of ours.</summary>
    public async Task<SlackFollowUp?> HandleBlockActionsAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var teamId = Id(payload, "team");
        if (Str(payload, "response_url") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var responseUrl)
            || (responseUrl.Scheme != Uri.UriSchemeHttps && responseUrl.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        if (!payload.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var action = actions.EnumerateArray().FirstOrDefault(a =>
            a.ValueKind == JsonValueKind.Object && Str(a, "action_id") is { } id && id.StartsWith(SlackAnswerRenderer.PageActionPrefix, StringComparison.Ordinal));
        if (action.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var language = BotLanguage.Normalize(Str(action, "action_id")!.Split(':') is [_, _, var lang] ? lang : _options.Locale);
        try
        {
            JsonObject message;
            if (!PageToken.TryDecode(Str(action, "value"), out var token))
            {
                message = SlackAnswerRenderer.Notice(UiText.StaleButton.For(language));
                message["response_type"] = SlackOptions.Ephemeral;
                message["replace_original"] = false;
            }
            else
            {
                var request = From(token.ToRequest(language), teamId, Id(payload, "user"), Id(payload, "channel"), RequestTrigger.Page);
                var answer = await engine.AnswerAsync(request, cancellationToken);
                logger.CommandAnswered("/" + token.Command, teamId, answer.Kind);
                message = SlackAnswerRenderer.Message(answer);
                var opensView = Str(action, "action_id")!.Split(':') is [_, SlackAnswerRenderer.SourcesAction, ..];
                if (!opensView && !answer.IsPrivate && MessageAge(payload, now) is { } age && age <= SlackResponder.Lifetime)
                {
                    message["replace_original"] = true;
                }
                else
                {
                    // "All sources" opens beside the answer, a private answer ("slow down") must not replace the message
                    // everyone sees, and a message older than a response_url may touch cannot be replaced: either way it
                    // goes to the asker alone.
                    message["response_type"] = SlackOptions.Ephemeral;
                    message["replace_original"] = false;
                }
            }

            return new SlackFollowUp(responseUrl, SlackAnswerRenderer.Serialize(message), now);
        }
        catch (Exception exception)
        {
            logger.InteractionFailed(exception, teamId);
            var apology = SlackAnswerRenderer.Notice(UiText.Apology.For(language));
            apology["response_type"] = SlackOptions.Ephemeral;
            apology["replace_original"] = false;
            return new SlackFollowUp(responseUrl, SlackAnswerRenderer.Serialize(apology), now);
        }
    }

    /// <summary>
    /// The reply to a slash command, or, when it is not ready within <see cref="SlackOptions.DeferAfter"/> and the
    /// command came with a response_url the bot may post to, null at that moment and the reply as a follow-up to post
    /// once ready (<paramref name="deferred"/>). Never throws.
    /// </summary>
    /// <returns>The reply, an empty array when the command opened a modal, or null when deferred.</returns>
    public async Task<byte[]?> AnswerOrDeferAsync(
        string command, string? text, string? teamId, string? userId, string? channelId, string? responseUrl,
        Action<Task<SlackFollowUp>> deferred, string? triggerId = null, string? userName = null)
    {
        var answer = AnswerCommandAsync(command, text, teamId, userId, CancellationToken.None, channelId, triggerId, userName);
        if (answer.IsCompleted || responseUrl is null || !Uri.TryCreate(responseUrl, UriKind.Absolute, out var url) || !_options.IsAllowedResponseUrl(url))
        {
            return await answer;
        }

        using var stop = new CancellationTokenSource();
        var waited = Task.Delay(_options.DeferAfter, time, stop.Token);
        if (await Task.WhenAny(answer, waited) == answer)
        {
            await stop.CancelAsync();
            return await answer;
        }

        var receivedAt = time.GetUtcNow();
        logger.CommandDeferred(command.Trim().Length <= 40 ? command.Trim() : command.Trim()[..40], _options.DeferAfter);
        deferred(FollowUpAsync());
        return null;

        async Task<SlackFollowUp> FollowUpAsync() => new(url, Encoding.UTF8.GetString(await answer), receivedAt);
    }

    /// <summary>The <c>id</c> of an object property such as <c>team</c>, <c>user</c> or <c>channel</c>.</summary>
    private static string? Id(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? Str(value, "id") : null;

    internal static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>How old the message holding the button is, from <c>container.message_ts</c> (or <c>message.ts</c>).</summary>
    private static TimeSpan? MessageAge(JsonElement payload, DateTimeOffset now)
    {
        var ts = payload.TryGetProperty("container", out var container) && container.ValueKind == JsonValueKind.Object
            ? Str(container, "message_ts")
            : null;
        ts ??= payload.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object ? Str(message, "ts") : null;
        var seconds = ts?.Split('.')[0];
        return long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            ? now - DateTimeOffset.FromUnixTimeSeconds(unix)
            : null;
    }
}
