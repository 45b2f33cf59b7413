using Bot.Core.Editing;
using Bot.Discord.Interactions;
using Bot.Discord.Rendering;

namespace Bot.Discord;

/// <summary>
/// Chat editing on Discord: a form becomes a modal (interaction response type 9, one text input per action row), and
/// an edit reply becomes the usual answer embed (the real renderer: a preview looks exactly as members will see it)
/// with the edit's own buttons instead of the answer's, ephemeral, with the note as escaped content above it.
/// </summary>
internal static class DiscordEditRenderer
{
    public const int ModalTitle = 45;
    public const int InputLabel = 45;
    public const int InputValue = 4000;
    public const int Placeholder = 100;

    public static InteractionResponse Modal(FactEditForm form) => new(CallbackType.Modal, new InteractionCallbackData
    {
        CustomId = DiscordMarkdown.Truncate(form.Key, DiscordLimits.CustomId),
        Title = DiscordMarkdown.Truncate(form.Title, ModalTitle),
        Components = [.. form.Inputs.Take(DiscordLimits.ActionRows).Select(input => new ActionRow(
        [
            new TextInput(input.Id, input.Multiline ? TextInput.Paragraph : TextInput.Short, DiscordMarkdown.Truncate(input.Label, InputLabel))
            {
                MaxLength = Math.Min(input.MaxLength, InputValue),
                Required = input.Required,
                Value = input.Value is { } value ? DiscordMarkdown.Truncate(value, Math.Min(input.MaxLength, InputValue)) : null,
                Placeholder = input.Placeholder is { } placeholder ? DiscordMarkdown.Truncate(placeholder, Placeholder) : null,
            },
        ]))],
    });

    public static InteractionResponse Reply(FactEditReply reply, int callbackType = CallbackType.ChannelMessage)
    {
        var message = DiscordAnswerRenderer.BuildMessage(reply.Answer);
        var buttons = reply.Buttons
            .Where(b => b.CustomId.Length <= DiscordLimits.CustomId)
            .Take(DiscordLimits.ButtonsPerRow)
            .Select(b => (MessageComponent)new Button(
                b.IsPrimary ? Button.Primary : Button.Secondary,
                DiscordMarkdown.Truncate(DiscordMarkdown.Neutralize(b.Label), DiscordLimits.ButtonLabel),
                b.CustomId))
            .ToList();
        return new InteractionResponse(callbackType, message with
        {
            Content = reply.Note is { } note ? DiscordMarkdown.Truncate(DiscordMarkdown.Escape(note), DiscordLimits.Content) : null,
            Components = buttons.Count > 0 ? [new ActionRow(buttons)] : [],
            Flags = DiscordAnswerRenderer.Ephemeral,
        });
    }
}
