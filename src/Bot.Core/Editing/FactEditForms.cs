using Bot.Core.Commands;
using Bot.Core.Facts;

namespace Bot.Core.Editing;

/// <summary>The <c>/facts</c> actions that edit the fact base; the first four open a form.</summary>
public static class FactEditActions
{
    public const string AddEvent = "add-event";
    public const string AddQuote = "add-quote";
    public const string AddSource = "add-source";
    public const string Edit = "edit";
    public const string History = "history";

    public static IReadOnlyList<string> Forms { get; } = [AddEvent, AddQuote, AddSource, Edit];

    public static bool OpensForm(string? action) => action is AddEvent or AddQuote or AddSource or Edit;
}

/// <summary>
/// One text input of an edit form. <see cref="Id"/> is the platform's custom_id (Discord) or block_id and action_id
/// (Slack); other tools rely on these names.
/// </summary>
public sealed record FactEditInput(string Id, string Label, bool Multiline, bool Required, int MaxLength, string? Value = null, string? Placeholder = null);

/// <summary>
/// A form to show a moderator: <see cref="Key"/> travels with it (Discord's modal custom_id, Slack's callback_id) and
/// names the action and target when it comes back. Titles fit Slack's 24 characters, labels Discord's 45.
/// </summary>
public sealed record FactEditForm(string Action, string? Target, string Title, IReadOnlyList<FactEditInput> Inputs)
{
    public const string Prefix = "facts-edit:";

    public string Key => Prefix + Action + (Target is null ? "" : ":" + Target);

    /// <summary>The action and target a form key names, or false when it is not one of ours.</summary>
    public static bool TryParseKey(string? key, out string action, out string? target)
    {
        action = "";
        target = null;
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = key[Prefix.Length..].Split(':', 2);
        action = parts[0];
        target = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
        return FactEditActions.OpensForm(action);
    }
}

/// <summary>The forms, in the asker's language, prefilled where that helps.</summary>
internal static class FactEditForms
{
    public const int MaxTitle = 24;

    public static FactEditForm AddEvent(string language, IReadOnlyDictionary<string, string>? values = null) => new(
        FactEditActions.AddEvent,
        null,
        EditText.AddEventTitle.For(language),
        [
            Input("date", EditText.DateLabel, language, false, true, 10, values, "2026-03-01"),
            Input("title", EditText.TitleLabel, language, false, true, 200, values),
            Input("summary", EditText.SummaryLabel, language, true, true, 1500, values),
            Input("sources", EditText.SourcesLabel, language, true, true, 2000, values, "https://…"),
            Input("people", EditText.PeopleLabel, language, false, false, 300, values, "betssy-chavez, Hugo de Zela"),
        ]);

    public static FactEditForm AddQuote(string language, IReadOnlyDictionary<string, string>? values = null) => new(
        FactEditActions.AddQuote,
        null,
        EditText.AddQuoteTitle.For(language),
        [
            Input("speaker", EditText.SpeakerLabel, language, false, true, 100, values, "claudia-sheinbaum"),
            Input("date", EditText.DateLabel, language, false, true, 10, values, "2026-03-01"),
            Input("text", EditText.QuoteTextLabel, language, true, true, 1500, values),
            Input("context", EditText.ContextLabel, language, true, true, 500, values),
            Input("source", EditText.SourceLabel, language, false, true, 500, values, "https://…"),
        ]);

    public static FactEditForm AddSource(string language, IReadOnlyDictionary<string, string>? values = null) => new(
        FactEditActions.AddSource,
        null,
        EditText.AddSourceTitle.For(language),
        [
            Input("url", EditText.UrlLabel, language, false, true, 500, values, "https://…"),
            Input("outlet", EditText.OutletLabel, language, false, false, 100, values, EditText.FromPage.For(language)),
            Input("title", EditText.HeadlineLabel, language, false, false, 300, values, EditText.FromPage.For(language)),
            Input("date", EditText.PublishedLabel, language, false, false, 10, values, EditText.FromPage.For(language)),
        ]);

    /// <summary>The edit form of a person (summary and, when it has one, status) or an event (summary), prefilled with the current text.</summary>
    public static FactEditForm? Edit(FactBase facts, string target, string language, IReadOnlyDictionary<string, string>? values = null)
    {
        var title = Cut(EditText.EditTitle.For(language) + target, MaxTitle);
        if (facts.TryGetPerson(target, out var person))
        {
            var current = new Dictionary<string, string>(StringComparer.Ordinal) { ["summary"] = person.Summary };
            if (person.Status is { } status)
            {
                current["status"] = status.Text;
            }

            var filled = values ?? current;
            List<FactEditInput> inputs = [Input("summary", EditText.SummaryLabel, language, true, true, 1500, filled)];
            if (person.Status is not null)
            {
                inputs.Add(Input("status", EditText.StatusLabel, language, true, true, 1000, filled));
            }

            return new FactEditForm(FactEditActions.Edit, person.Id, title, inputs);
        }

        if (facts.TryGetEvent(target, out var timelineEvent))
        {
            var filled = values ?? new Dictionary<string, string>(StringComparer.Ordinal) { ["summary"] = timelineEvent.Summary };
            return new FactEditForm(FactEditActions.Edit, timelineEvent.Id, title, [Input("summary", EditText.SummaryLabel, language, true, true, 1500, filled)]);
        }

        return null;
    }

    public static FactEditForm? For(FactBase facts, string action, string? target, string language, IReadOnlyDictionary<string, string>? values = null) => action switch
    {
        FactEditActions.AddEvent => AddEvent(language, values),
        FactEditActions.AddQuote => AddQuote(language, values),
        FactEditActions.AddSource => AddSource(language, values),
        FactEditActions.Edit when target is not null => Edit(facts, target, language, values),
        _ => null,
    };

    private static FactEditInput Input(string id, LocalizedText label, string language, bool multiline, bool required, int maxLength, IReadOnlyDictionary<string, string>? values, string? placeholder = null)
    {
        var value = values is not null && values.TryGetValue(id, out var typed) ? Cut(typed, maxLength) : null;
        return new FactEditInput(id, label.For(language), multiline, required, maxLength, string.IsNullOrEmpty(value) ? null : value, placeholder);
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
