using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Commands;
using Bot.Core.Editing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Slack;

/// <summary>
/// Chat editing on Slack. <c>/facts add-event|add-quote|add-source|edit</c> opens a modal with <c>views.open</c> and
/// the command's trigger_id (needs <c>Slack:BotToken</c>); its <c>view_submission</c> (over HTTP or Socket Mode) is
/// answered with <c>response_action: update</c>: the preview, or the problems, in the same modal. Confirm, Cancel and
/// Reopen are buttons in that modal; their <c>block_actions</c> are acknowledged first, then the modal is updated with
/// <c>views.update</c>. The moderator check is made again for every submission and every button.
/// </summary>
internal sealed class SlackEdits(
    SlackModerators moderators,
    IOptions<SlackOptions> options,
    IHttpClientFactory clients,
    ILogger<SlackEdits> logger,
    FactEditService? edits = null)
{
    public const int MaxTitle = 24;
    public const int MaxInputLength = 3000;
    public const int MaxLabel = 2000;
    public const int MaxPlaceholder = 150;
    public const int MaxViewBlocks = 100;

    private const string Platform = "slack";

    private readonly SlackOptions _options = options.Value;

    /// <summary>True when the typed command is an edit action that opens a form.</summary>
    public static bool OpensForm(BotRequest request) =>
        request.Command == CommandCatalog.Facts && FactEditActions.OpensForm(FirstWord(request.Option("action")));

    /// <summary>True for <c>/facts history</c>.</summary>
    public bool AnswersHistory(BotRequest request) =>
        edits is not null && request.Command == CommandCatalog.Facts && FirstWord(request.Option("action")) == FactEditActions.History;

    /// <summary><c>/facts history</c>, privately.</summary>
    public async Task<JsonObject> HistoryAsync(string? teamId, string? userId, string? userName, CancellationToken cancellationToken)
    {
        var editor = await EditorAsync(teamId, userId, userName, cancellationToken);
        return Ephemeral(SlackAnswerRenderer.Message((await edits!.HistoryAsync(editor, cancellationToken)).Answer));
    }

    /// <summary>
    /// Opens the form for a slash command, or returns the ephemeral reply to show instead (a refusal, no bot token,
    /// an unknown target). Null when the modal was opened: the command then needs no reply.
    /// </summary>
    public async Task<JsonObject?> OpenAsync(BotRequest request, string? teamId, string? userId, string? userName, string? triggerId, CancellationToken cancellationToken)
    {
        var editor = await EditorAsync(teamId, userId, userName, cancellationToken);
        if (edits is null || string.IsNullOrEmpty(_options.BotToken) || string.IsNullOrEmpty(triggerId))
        {
            return Ephemeral(SlackAnswerRenderer.Notice(editor.Language == BotLanguage.Spanish
                ? "La edición desde el chat necesita Slack:BotToken en este bot."
                : "Editing from chat needs Slack:BotToken on this bot."));
        }

        var action = FirstWord(request.Option("action"));
        var target = request.Option("target") ?? RestWords(request.Option("action"));
        var opening = edits.Open(action, target, editor);
        if (opening.Form is not { } form)
        {
            return Ephemeral(SlackAnswerRenderer.Message(opening.Reply!.Answer));
        }

        return await CallAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = FormView(form, editor.Language) }, cancellationToken)
            ? null
            : Ephemeral(SlackAnswerRenderer.Notice(editor.Language == BotLanguage.Spanish ? "Slack no abrió el formulario; inténtalo de nuevo." : "Slack did not open the form; try again."));
    }

    /// <summary>The response to a <c>view_submission</c> of one of our forms (<c>response_action: update</c>), or null when it is not ours.</summary>
    public async Task<JsonObject?> SubmitAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        if (edits is null || !payload.TryGetProperty("view", out var view) || view.ValueKind != JsonValueKind.Object
            || SlackCommandService.Str(view, "callback_id") is not { } key || !FactEditForm.TryParseKey(key, out _, out _))
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (view.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.Object
            && state.TryGetProperty("values", out var blocks) && blocks.ValueKind == JsonValueKind.Object)
        {
            foreach (var block in blocks.EnumerateObject().Where(b => b.Value.ValueKind == JsonValueKind.Object))
            {
                foreach (var input in block.Value.EnumerateObject().Where(i => i.Value.ValueKind == JsonValueKind.Object))
                {
                    values[input.Name] = SlackCommandService.Str(input.Value, "value") ?? "";
                }
            }
        }

        var editor = await EditorAsync(payload, cancellationToken);
        var reply = await edits.SubmitAsync(key, values, editor, cancellationToken);
        var team = Team(payload);
        logger.CommandAnswered("/facts (edit form)", team, reply.Answer.Kind);
        return new JsonObject { ["response_action"] = "update", ["view"] = ReplyView(reply, editor.Language) };
    }

    /// <summary>
    /// The work to do after acknowledging a <c>block_actions</c> press of Confirm, Cancel or Reopen in our modal: the
    /// <c>views.update</c> that shows the result. Null when the press is not ours.
    /// </summary>
    public Func<Task>? ButtonAsync(JsonElement payload)
    {
        if (edits is null || !payload.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array
            || !payload.TryGetProperty("view", out var view) || view.ValueKind != JsonValueKind.Object || SlackCommandService.Str(view, "id") is not { } viewId)
        {
            return null;
        }

        var customId = actions.EnumerateArray()
            .Select(a => a.ValueKind == JsonValueKind.Object ? SlackCommandService.Str(a, "action_id") : null)
            .FirstOrDefault(id => id?.StartsWith(FactEditForm.Prefix, StringComparison.Ordinal) == true);
        if (customId is null)
        {
            return null;
        }

        var copy = payload.Clone();
        return async () =>
        {
            try
            {
                var editor = await EditorAsync(copy, CancellationToken.None);
                JsonObject next;
                if (customId.StartsWith(FactEditButton.ReopenPrefix, StringComparison.Ordinal))
                {
                    var opening = edits.Reopen(customId[FactEditButton.ReopenPrefix.Length..], editor);
                    next = opening.Form is { } form ? FormView(form, editor.Language) : ReplyView(opening.Reply!, editor.Language);
                }
                else if (customId.StartsWith(FactEditButton.ConfirmPrefix, StringComparison.Ordinal))
                {
                    next = ReplyView(await edits.ConfirmAsync(customId[FactEditButton.ConfirmPrefix.Length..], editor, CancellationToken.None), editor.Language);
                }
                else if (customId.StartsWith(FactEditButton.CancelPrefix, StringComparison.Ordinal))
                {
                    next = ReplyView(edits.Cancel(customId[FactEditButton.CancelPrefix.Length..], editor), editor.Language);
                }
                else
                {
                    return;
                }

                await CallAsync("views.update", new JsonObject { ["view_id"] = viewId, ["view"] = next }, CancellationToken.None);
            }
            catch (Exception exception)
            {
                logger.InteractionFailed(exception, Team(copy));
            }
        };
    }

    /// <summary>A form as a modal: one input block per field, block_id and action_id the field's custom_id.</summary>
    internal static JsonObject FormView(FactEditForm form, string language)
    {
        var blocks = new JsonArray();
        foreach (var input in form.Inputs)
        {
            var element = new JsonObject
            {
                ["type"] = "plain_text_input",
                ["action_id"] = input.Id,
                ["multiline"] = input.Multiline,
                ["max_length"] = Math.Min(input.MaxLength, MaxInputLength),
            };
            if (input.Value is { Length: > 0 } value)
            {
                element["initial_value"] = Cut(value, Math.Min(input.MaxLength, MaxInputLength));
            }

            if (input.Placeholder is { Length: > 0 } placeholder)
            {
                element["placeholder"] = PlainText(Cut(placeholder, MaxPlaceholder));
            }

            blocks.Add(new JsonObject
            {
                ["type"] = "input",
                ["block_id"] = input.Id,
                ["optional"] = !input.Required,
                ["label"] = PlainText(Cut(input.Label, MaxLabel)),
                ["element"] = element,
            });
        }

        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = form.Key,
            ["title"] = PlainText(Cut(form.Title, MaxTitle)),
            ["submit"] = PlainText(language == BotLanguage.Spanish ? "Vista previa" : "Preview"),
            ["close"] = PlainText(language == BotLanguage.Spanish ? "Cancelar" : "Cancel"),
            ["blocks"] = blocks,
        };
    }

    /// <summary>
    /// An edit reply as a modal: the note, the answer's blocks exactly as a message shows them (without the answer's
    /// own buttons), and the edit's buttons.
    /// </summary>
    internal static JsonObject ReplyView(FactEditReply reply, string language)
    {
        var blocks = new JsonArray();
        if (reply.Note is { Length: > 0 } note)
        {
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = SlackText.Escape(note, SlackAnswerRenderer.MaxContextText) }) });
        }

        var message = SlackAnswerRenderer.Message(reply.Answer);
        foreach (var block in message["blocks"]?.AsArray() ?? [])
        {
            if (block is JsonObject item && (string?)item["type"] != "actions" && blocks.Count < MaxViewBlocks - 1)
            {
                blocks.Add(item.DeepClone());
            }
        }

        if (reply.Buttons.Count > 0)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["block_id"] = "facts-edit",
                ["elements"] = new JsonArray([.. reply.Buttons.Select(b =>
                {
                    var button = new JsonObject
                    {
                        ["type"] = "button",
                        ["action_id"] = b.CustomId,
                        ["text"] = PlainText(Cut(b.Label, SlackAnswerRenderer.MaxButtonText)),
                    };
                    if (b.IsPrimary)
                    {
                        button["style"] = "primary";
                    }

                    return (JsonNode)button;
                })]),
            });
        }

        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = "facts-edit:result",
            ["title"] = PlainText(Cut(reply.Buttons.Any(b => b.CustomId.StartsWith(FactEditButton.ConfirmPrefix, StringComparison.Ordinal))
                ? (language == BotLanguage.Spanish ? "Vista previa" : "Preview")
                : (language == BotLanguage.Spanish ? "Editar hechos" : "Edit the facts"), MaxTitle)),
            ["close"] = PlainText(language == BotLanguage.Spanish ? "Cerrar" : "Close"),
            ["blocks"] = blocks,
        };
    }

    private async Task<FactEditor> EditorAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var user = payload.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
        var userId = user.ValueKind == JsonValueKind.Object ? SlackCommandService.Str(user, "id") : null;
        var name = user.ValueKind == JsonValueKind.Object ? SlackCommandService.Str(user, "name") ?? SlackCommandService.Str(user, "username") : null;
        return await EditorAsync(Team(payload), userId, name, cancellationToken);
    }

    private async Task<FactEditor> EditorAsync(string? teamId, string? userId, string? userName, CancellationToken cancellationToken)
    {
        var isModerator = await moderators.IsModeratorAsync(userId, cancellationToken);
        return new FactEditor(Platform, (teamId ?? "") + "/" + (userId ?? ""), userName is { Length: > 0 } ? userName : userId ?? "?", isModerator, _options.Locale);
    }

    /// <summary>Calls a Web API method with the bot token; true when Slack answered <c>ok</c>.</summary>
    private async Task<bool> CallAsync(string method, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.ApiBaseUrl.AbsoluteUri.TrimEnd('/') + "/" + method));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.BotToken);
        request.Content = new StringContent(SlackAnswerRenderer.Serialize(body), Encoding.UTF8, "application/json");
        try
        {
            using var response = await clients.CreateClient(SlackServiceCollectionExtensions.WebApiClient).SendAsync(request, cancellationToken);
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var ok = response.IsSuccessStatusCode && answer.RootElement.ValueKind == JsonValueKind.Object
                && answer.RootElement.TryGetProperty("ok", out var flag) && flag.ValueKind == JsonValueKind.True;
            if (!ok)
            {
                logger.ViewCallFailed(method, answer.RootElement.ValueKind == JsonValueKind.Object ? SlackCommandService.Str(answer.RootElement, "error") ?? "unknown_error" : "unknown_error");
            }

            return ok;
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            logger.ViewCallFailed(method, exception.GetType().Name);
            return false;
        }
    }

    private static string? Team(JsonElement payload) =>
        payload.TryGetProperty("team", out var team) && team.ValueKind == JsonValueKind.Object ? SlackCommandService.Str(team, "id") : null;

    private static JsonObject Ephemeral(JsonObject message)
    {
        message["response_type"] = SlackOptions.Ephemeral;
        return message;
    }

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text.Length > 0 ? text : " " };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

    private static string FirstWord(string? text) => (text ?? "").Trim().Split(' ', 2)[0].ToLowerInvariant();

    private static string? RestWords(string? text)
    {
        var parts = (text ?? "").Trim().Split(' ', 2, StringSplitOptions.TrimEntries);
        return parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
    }
}
