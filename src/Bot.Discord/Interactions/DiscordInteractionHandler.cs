using System.Buffers;
using System.Text.Json;
using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Editing;
using Bot.Core.Operations;
using Bot.Core.Querying;
using Bot.Core.Rendering;
using Bot.Core.Text;
using Bot.Discord.Registration;
using Bot.Discord.Rendering;
using Bot.Discord.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Interactions;

/// <summary>
/// <c>POST /discord/interactions</c>: verify (signature and freshness over the raw body), parse, answer through the
/// core, render. Refusals are bodiless 401/413/400; anything that goes wrong after the payload parsed becomes an
/// ephemeral apology with status 200, so Discord never shows "interaction failed" or retries. An interaction id
/// already received within twice the timestamp window (<see cref="ReplayGuard"/>) is a replay: 401, like a forgery.
/// </summary>
internal sealed class DiscordInteractionHandler(
    DiscordInteractionResponder responder,
    DiscordSignatureVerifier verifier,
    IOptions<DiscordOptions> options,
    BotMetrics metrics,
    TimeProvider time,
    ILogger<DiscordInteractionHandler> logger)
{
    private const string Platform = "discord";
    private const string SignatureHeader = "X-Signature-Ed25519";
    private const string TimestampHeader = "X-Signature-Timestamp";
    private const string JsonContentType = "application/json";

    private readonly int _maxBytes = options.Value.MaxRequestBytes;

    private readonly LogThrottle _refusals = new(time);

    // A timestamp is accepted from MaxClockSkewSeconds before now to as long after: an id is remembered for both.
    private readonly ReplayGuard? _replays = options.Value.RejectReplays ? new(time, TimeSpan.FromSeconds(2 * options.Value.MaxClockSkewSeconds)) : null;

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var signature = request.Headers[SignatureHeader];
        var timestamp = request.Headers[TimestampHeader];
        if (signature.Count != 1 || timestamp.Count != 1)
        {
            if (LogRefusal())
            {
                logger.RequestRefused("missing or repeated signature headers");
            }

            metrics.Rejected(Platform, "signature");
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (request.ContentLength > _maxBytes)
        {
            if (LogRefusal())
            {
                logger.BodyTooLarge(_maxBytes);
            }

            metrics.Rejected(Platform, "too_large");
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(_maxBytes + 1);
        try
        {
            int length;
            try
            {
                length = await ReadBodyAsync(request.Body, buffer, http.RequestAborted);
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

                return;
            }

            if (length > _maxBytes)
            {
                if (LogRefusal())
                {
                    logger.BodyTooLarge(_maxBytes);
                }

                metrics.Rejected(Platform, "too_large");
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            var body = buffer.AsMemory(0, length);
            var check = verifier.Check(signature.ToString(), timestamp.ToString(), body.Span);
            if (check != SignatureCheck.Valid)
            {
                if (LogRefusal())
                {
                    logger.RequestRefused(check switch
                    {
                        SignatureCheck.MissingHeaders => "missing signature headers",
                        SignatureCheck.MalformedHeaders => "malformed signature headers",
                        SignatureCheck.StaleTimestamp => "timestamp outside the allowed window",
                        _ => "bad signature",
                    });
                }

                metrics.Rejected(Platform, check == SignatureCheck.StaleTimestamp ? "stale" : "signature");
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            if (JsonText.HasInvalidUnicode(body.Span))
            {
                if (LogRefusal())
                {
                    logger.InvalidText();
                }

                metrics.Rejected(Platform, "malformed");
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            Interaction? interaction;
            try
            {
                interaction = JsonSerializer.Deserialize(body.Span, DiscordJson.Interaction);
            }
            catch (JsonException)
            {
                interaction = null;
            }

            if (interaction is null || interaction.Type <= 0)
            {
                if (LogRefusal())
                {
                    logger.MalformedPayload();
                }

                metrics.Rejected(Platform, "malformed");
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            // Discord gives every interaction an id; one the signature covers cannot be stripped from a replay.
            if (_replays is not null && interaction.Id is { Length: > 0 } id && !_replays.FirstSeen(id))
            {
                if (LogRefusal())
                {
                    logger.RequestRefused("an interaction id already received (a replay)");
                }

                metrics.Rejected(Platform, "replay");
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            var response = await responder.RespondAsync(interaction, http.RequestAborted);
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = JsonContentType;
            var bytes = DiscordJson.Serialize(response);
            http.Response.ContentLength = bytes.Length;
            await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
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

    private static async Task<int> ReadBodyAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }
}

/// <summary>
/// The answer to a parsed interaction, whichever way it arrived (HTTP endpoint or Gateway <c>INTERACTION_CREATE</c>):
/// map to the core, answer through its one pipeline (<see cref="QueryEngine.AnswerAsync"/>: slash commands, command
/// buttons and paging buttons alike are rate limited and counted), render. Never throws: a failure inside the core
/// becomes an ephemeral apology.
/// </summary>
internal sealed class DiscordInteractionResponder(QueryEngine engine, IOptions<DiscordOptions> options, ILogger<DiscordInteractionResponder> logger, FactEditService? edits = null)
{
    private const string Platform = "discord";

    /// <summary>The response to a verified, parsed interaction; never throws.</summary>
    internal async Task<InteractionResponse> RespondAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var language = BotLanguage.Normalize(Locale(interaction));
        try
        {
            return interaction.Type switch
            {
                InteractionType.Ping => new InteractionResponse(CallbackType.Pong),
                InteractionType.ApplicationCommand => await CommandAsync(interaction, cancellationToken),
                InteractionType.Autocomplete => Autocomplete(interaction),
                InteractionType.MessageComponent => await ComponentAsync(interaction, cancellationToken),
                InteractionType.ModalSubmit => await ModalSubmitAsync(interaction, cancellationToken),
                _ => Unsupported(interaction, language),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested) // the boundary: any failure inside the core becomes an apology, never a 500
        {
            logger.InteractionFailed(e, interaction.Id, interaction.Type);
            return interaction.Type == InteractionType.Autocomplete
                ? new InteractionResponse(CallbackType.AutocompleteResult, new InteractionCallbackData { Choices = [] })
                : DiscordAnswerRenderer.Notice(UiText.Apology.For(language));
        }
    }

    private async Task<InteractionResponse> CommandAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var data = interaction.Data;
        if (data?.Name is not { Length: > 0 } name || data.Type is not (0 or 1))
        {
            return Unsupported(interaction, BotLanguage.Normalize(Locale(interaction)));
        }

        var request = new BotRequest(name, Options(data.Options), Locale(interaction));
        if (name == CommandCatalog.Facts && FactEditActions.OpensForm(FirstWord(request.Option("action"))))
        {
            return OpenForm(interaction, request);
        }

        if (name == CommandCatalog.Facts && FirstWord(request.Option("action")) == FactEditActions.History && edits is not null)
        {
            var history = await edits.HistoryAsync(Editor(interaction), cancellationToken);
            logger.Answered(interaction.Id, CommandCatalog.Facts, history.Answer.Kind);
            return DiscordEditRenderer.Reply(history);
        }

        var answer = await engine.AnswerAsync(From(interaction, request, RequestTrigger.Command), cancellationToken);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.Answered(LogText.Escape(interaction.Id), LogText.Escape(name), answer.Kind);
        }

        return DiscordAnswerRenderer.Respond(answer);
    }

    /// <summary>The request with who asked, where, and how: what the rate limits and the moderator check go by.</summary>
    private BotRequest From(Interaction interaction, BotRequest request, RequestTrigger trigger) => request with
    {
        IsModerator = IsModerator(interaction.Member),
        Platform = Platform,
        UserId = interaction.InvokerId,
        ChannelId = interaction.ChannelId,
        Trigger = trigger,
    };

    private InteractionResponse Autocomplete(Interaction interaction)
    {
        var data = interaction.Data;
        var focused = data?.Options is { } options ? Flatten(options).FirstOrDefault(o => o.Focused) : null;
        IReadOnlyList<AutocompleteChoice> choices = [];
        if (data?.Name is { Length: > 0 } command && focused?.Name is { Length: > 0 } option)
        {
            choices = [.. engine.Autocomplete(command, option, Text(focused.Value), DiscordLimits.Choices)
                .Where(s => s.Command.Length is > 0 and <= DiscordLimits.ChoiceValue)
                .Take(DiscordLimits.Choices)
                .Select(s => new AutocompleteChoice(Choice(s.Label), s.Command))];
        }

        return new InteractionResponse(CallbackType.AutocompleteResult, new InteractionCallbackData { Choices = choices });
    }

    private async Task<InteractionResponse> ComponentAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var customId = interaction.Data?.CustomId ?? "";
        var locale = Locale(interaction);
        if (customId.StartsWith(DiscordAnswerRenderer.PagePrefix, StringComparison.Ordinal)
            && PageToken.TryDecode(customId[DiscordAnswerRenderer.PagePrefix.Length..], out var token))
        {
            var answer = await engine.AnswerAsync(From(interaction, token.ToRequest(locale), RequestTrigger.Page), cancellationToken);
            logger.Answered(interaction.Id, token.Command, answer.Kind);

            // An ephemeral answer cannot replace a public message, so a miss comes as a new private message.
            return DiscordAnswerRenderer.Respond(answer, answer.IsPrivate ? CallbackType.ChannelMessage : CallbackType.UpdateMessage);
        }

        if (customId.StartsWith(DiscordAnswerRenderer.CommandPrefix, StringComparison.Ordinal))
        {
            var typed = customId[DiscordAnswerRenderer.CommandPrefix.Length..];
            var request = TextCommandParser.Parse(typed, locale).ToRequest(locale);
            var answer = await engine.AnswerAsync(From(interaction, request, RequestTrigger.Button), cancellationToken);
            logger.Answered(interaction.Id, "(button)", answer.Kind);
            return DiscordAnswerRenderer.Respond(answer);
        }

        if (customId.StartsWith(FactEditForm.Prefix, StringComparison.Ordinal) && edits is not null)
        {
            return await EditButtonAsync(interaction, customId, cancellationToken);
        }

        logger.StaleButton(interaction.Id);
        return DiscordAnswerRenderer.Notice(UiText.StaleButton.For(BotLanguage.Normalize(locale)));
    }

    /// <summary>
    /// <c>/facts add-event|add-quote|add-source|edit</c>: a modal for a moderator; a refusal for anyone else (the same
    /// check as every <c>/facts</c> action, made again when the form comes back).
    /// </summary>
    private InteractionResponse OpenForm(Interaction interaction, BotRequest request)
    {
        var editor = Editor(interaction);
        if (edits is null)
        {
            return DiscordAnswerRenderer.Notice(EditUnavailable(editor.Language));
        }

        var action = FirstWord(request.Option("action"));
        var target = request.Option("target") ?? RestWords(request.Option("action"));
        var opening = edits.Open(action, target, editor);
        logger.Answered(interaction.Id, CommandCatalog.Facts, opening.Form is null ? AnswerKind.UsageError : AnswerKind.Found);
        return opening.Form is { } form ? DiscordEditRenderer.Modal(form) : DiscordEditRenderer.Reply(opening.Reply!);
    }

    /// <summary>A submitted edit form: validated, then previewed with Confirm and Cancel, or its problems and a way back to it.</summary>
    private async Task<InteractionResponse> ModalSubmitAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var editor = Editor(interaction);
        if (edits is null || interaction.Data?.CustomId is not { } formKey)
        {
            return DiscordAnswerRenderer.Notice(EditUnavailable(editor.Language));
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in Inputs(interaction.Data.Components ?? []))
        {
            if (input.CustomId is { Length: > 0 } id && input.Value is { } value)
            {
                values[id] = value;
            }
        }

        var reply = await edits.SubmitAsync(formKey, values, editor, cancellationToken);
        logger.Answered(interaction.Id, "(edit form)", reply.Answer.Kind);
        return DiscordEditRenderer.Reply(reply);
    }

    /// <summary>Confirm and Cancel replace the preview in place; Reopen opens the form again, filled in.</summary>
    private async Task<InteractionResponse> EditButtonAsync(Interaction interaction, string customId, CancellationToken cancellationToken)
    {
        var editor = Editor(interaction);
        if (customId.StartsWith(FactEditButton.ReopenPrefix, StringComparison.Ordinal))
        {
            var opening = edits!.Reopen(customId[FactEditButton.ReopenPrefix.Length..], editor);
            return opening.Form is { } form ? DiscordEditRenderer.Modal(form) : DiscordEditRenderer.Reply(opening.Reply!);
        }

        FactEditReply reply;
        if (customId.StartsWith(FactEditButton.ConfirmPrefix, StringComparison.Ordinal))
        {
            reply = await edits!.ConfirmAsync(customId[FactEditButton.ConfirmPrefix.Length..], editor, cancellationToken);
        }
        else if (customId.StartsWith(FactEditButton.CancelPrefix, StringComparison.Ordinal))
        {
            reply = edits!.Cancel(customId[FactEditButton.CancelPrefix.Length..], editor);
        }
        else
        {
            logger.StaleButton(interaction.Id);
            return DiscordAnswerRenderer.Notice(UiText.StaleButton.For(editor.Language));
        }

        logger.Answered(interaction.Id, "(edit button)", reply.Answer.Kind);
        return DiscordEditRenderer.Reply(reply, CallbackType.UpdateMessage);
    }

    private FactEditor Editor(Interaction interaction)
    {
        var user = interaction.Member?.User ?? interaction.User;
        var name = interaction.Member?.Nick ?? user?.GlobalName ?? user?.Username ?? interaction.InvokerId ?? "?";
        return new FactEditor(Platform, interaction.InvokerId ?? "", name, IsModerator(interaction.Member), Locale(interaction));
    }

    private static string EditUnavailable(string language) => language == BotLanguage.Spanish
        ? "La edición desde el chat no está disponible en este bot."
        : "Editing from chat is not available on this bot.";

    private static IEnumerable<SubmittedComponent> Inputs(IReadOnlyList<SubmittedComponent> components) =>
        components.SelectMany(c => c.Type == 4 ? [c] : c.Component is { } inner ? Inputs([inner]) : Inputs(c.Components ?? []));

    private static string FirstWord(string? text) => (text ?? "").Trim().Split(' ', 2)[0].ToLowerInvariant();

    private static string? RestWords(string? text)
    {
        var parts = (text ?? "").Trim().Split(' ', 2, StringSplitOptions.TrimEntries);
        return parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
    }

    private InteractionResponse Unsupported(Interaction interaction, string language)
    {
        logger.Unsupported(interaction.Id, interaction.Type);
        return DiscordAnswerRenderer.Notice(UiText.UnsupportedCommand.For(language));
    }

    /// <summary>
    /// A moderator has Manage Messages (or Administrator) in the channel, as Discord computed it for this interaction,
    /// or one of the roles in <c>Discord:ModeratorRoleIds</c>. Outside a server there are no moderators.
    /// </summary>
    private bool IsModerator(InteractionMember? member)
    {
        if (member is null)
        {
            return false;
        }

        if (long.TryParse(member.Permissions, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var permissions)
            && (permissions & (DiscordCommands.ModeratorPermission | DiscordCommands.AdministratorPermission)) != 0)
        {
            return true;
        }

        return member.Roles is { } roles && roles.Any(options.Value.ModeratorRoleIds.Contains);
    }

    private static string Locale(Interaction interaction) => interaction.Locale ?? interaction.GuildLocale ?? "en-US";

    /// <summary>Top-level options by name; subcommand groups are flattened (the catalog has none today).</summary>
    private static Dictionary<string, string> Options(IReadOnlyList<InteractionOption>? options)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in Flatten(options ?? []))
        {
            if (option.Name is { Length: > 0 } name && Text(option.Value) is { } value)
            {
                result[name] = value;
            }
        }

        return result;
    }

    private static IEnumerable<InteractionOption> Flatten(IReadOnlyList<InteractionOption> options) =>
        options.SelectMany(o => o.Options is { Count: > 0 } inner ? Flatten(inner) : [o]);

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static string Choice(string label)
    {
        var text = DiscordMarkdown.Truncate(DiscordMarkdown.Neutralize(label.ReplaceLineEndings(" ").Trim()), DiscordLimits.ChoiceName);
        return text.Length > 0 ? text : "?";
    }
}
