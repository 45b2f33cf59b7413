using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Querying;

namespace Bot.Core.Editing;

/// <summary>Who is editing, as the adapter established it from the verified request (never from what they typed).</summary>
public sealed record FactEditor(string Platform, string UserId, string DisplayName, bool IsModerator, string Locale)
{
    public string Language => BotLanguage.Normalize(Locale);

    public FactAuthor Author => new(DisplayName, Platform, UserId);
}

/// <summary>A button under an edit reply; <see cref="CustomId"/> starts with <c>facts-edit:</c>.</summary>
public sealed record FactEditButton(string Label, string CustomId, bool IsPrimary)
{
    public const string ConfirmPrefix = "facts-edit:confirm:";
    public const string CancelPrefix = "facts-edit:cancel:";
    public const string ReopenPrefix = "facts-edit:reopen:";
}

/// <summary>What to show the moderator: an answer (rendered by the platform's usual renderer), buttons, and a note above it.</summary>
public sealed record FactEditReply(Answer Answer, IReadOnlyList<FactEditButton> Buttons, string? Note = null);

/// <summary>Either a form to open or a reply to show instead (a refusal, an unknown target).</summary>
public sealed record FactEditOpening(FactEditForm? Form, FactEditReply? Reply);

/// <summary>
/// Editing the fact base from chat, for moderators: open a form, take its submission (validated by the real loader on
/// a private copy of the folder), preview it with the real answer members would get, and write it on confirm through
/// <see cref="IFactWriter"/>. Permissions are checked at every step, so a forged submission or confirm from anyone
/// else changes nothing. Nothing a moderator typed is lost: every refusal offers to reopen the form, filled in.
/// </summary>
public sealed class FactEditService(
    IFactStore store,
    IFactAdmin admin,
    FactBaseLoader loader,
    IFactWriter writer,
    TimeProvider time,
    Freshness? freshness = null,
    ISourceMetadataReader? metadata = null)
{
    /// <summary>How long a preview can be confirmed.</summary>
    public static readonly TimeSpan PreviewLifetime = TimeSpan.FromMinutes(15);

    private const int MaxPreviewPages = 60;
    private const int MaxProblemLines = 30;

    private readonly FactDrafts _drafts = new(time);

    /// <summary>The form for <c>/facts add-event|add-quote|add-source|edit</c>, or the reply that replaces it.</summary>
    public FactEditOpening Open(string action, string? target, FactEditor editor)
    {
        ArgumentNullException.ThrowIfNull(editor);
        var facts = store.Current;
        if (Refusal(facts, editor) is { } refusal)
        {
            return new FactEditOpening(null, refusal);
        }

        target = target?.Trim();
        if (action == FactEditActions.Edit && (target is null || FactEditForms.Edit(facts, target, editor.Language) is null))
        {
            var language = editor.Language;
            return new FactEditOpening(null, new FactEditReply(
                new Answer
                {
                    Kind = AnswerKind.UsageError,
                    Title = BotText.Format(EditText.UnknownTargetTitle, language, Bot.Core.Text.TextSnippets.Trim(target ?? "", 60)),
                    Body = EditText.UnknownTargetBody.For(language),
                    Footer = QueryEngine.Footer(facts, language),
                    Language = language,
                },
                []));
        }

        var form = FactEditForms.For(facts, action, target, editor.Language);
        return form is null
            ? new FactEditOpening(null, new FactEditReply(QueryEngine.UsageError(facts, editor.Language, $"'{action}' does not open a form", CommandCatalog.Find(CommandCatalog.Facts)), []))
            : new FactEditOpening(form, null);
    }

    /// <summary>The form of a submitted draft, filled in with what was typed.</summary>
    public FactEditOpening Reopen(string draftId, FactEditor editor)
    {
        ArgumentNullException.ThrowIfNull(editor);
        var facts = store.Current;
        if (Refusal(facts, editor) is { } refusal)
        {
            return new FactEditOpening(null, refusal);
        }

        var draft = _drafts.Get(draftId);
        if (draft is null)
        {
            return new FactEditOpening(null, Notice(facts, editor.Language, EditText.GoneTitle, EditText.GoneBody));
        }

        if (!Owns(draft, editor))
        {
            return new FactEditOpening(null, Notice(facts, editor.Language, BotText.ModeratorsOnlyTitle, EditText.NotYoursBody));
        }

        var form = FactEditForms.For(facts, draft.Action, draft.Target, editor.Language, draft.Values);
        return form is null ? new FactEditOpening(null, Notice(facts, editor.Language, EditText.GoneTitle, EditText.GoneBody)) : new FactEditOpening(form, null);
    }

    /// <summary>
    /// A submitted form (<paramref name="formKey"/> is its <see cref="FactEditForm.Key"/>): a private preview with
    /// Confirm and Cancel when the loader accepts the result, otherwise every problem and a button to reopen the form.
    /// </summary>
    public async Task<FactEditReply> SubmitAsync(string formKey, IReadOnlyDictionary<string, string> values, FactEditor editor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(editor);
        var facts = store.Current;
        var language = editor.Language;
        if (Refusal(facts, editor) is { } refusal)
        {
            return refusal;
        }

        if (!FactEditForm.TryParseKey(formKey, out var action, out var target)
            || FactEditForms.For(facts, action, target, language) is not { } form)
        {
            return Notice(facts, language, EditText.GoneTitle, EditText.GoneBody);
        }

        // Only the form's own inputs, each within its length: anything else in a (forged) submission is ignored.
        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in form.Inputs)
        {
            if (values.TryGetValue(input.Id, out var value))
            {
                typed[input.Id] = value.Length <= input.MaxLength ? value : value[..input.MaxLength];
            }
        }

        var pages = await ReadPagesAsync(action, typed, facts, cancellationToken);
        var plan = FactChangeBuilder.Build(action, target, typed, facts, editor.Author, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), pages);
        var problems = plan.Problems;
        FactStagedChange? staged = null;
        if (plan.Change is { } change)
        {
            staged = FactStagedChange.Stage(admin.Status().Folder, change, loader);
            problems = staged.Problems;
        }

        var now = time.GetUtcNow();
        if (problems.Count > 0 || staged?.Facts is null || plan.Change is null)
        {
            var id = _drafts.Add(new FactDraft(action, target, typed, editor.Platform, editor.UserId, now, null));
            return Problems(facts, language, problems, id);
        }

        var draftId = _drafts.Add(new FactDraft(action, target, typed, editor.Platform, editor.UserId, now, plan.Change));
        var preview = Preview(staged.Facts, plan, editor.Locale);
        return new FactEditReply(
            preview,
            [
                new FactEditButton(EditText.Confirm.For(language), FactEditButton.ConfirmPrefix + draftId, IsPrimary: true),
                new FactEditButton(EditText.Cancel.For(language), FactEditButton.CancelPrefix + draftId, IsPrimary: false),
            ],
            BotText.Format(EditText.PreviewNote, language, plan.File));
    }

    /// <summary>Writes a previewed draft, if it is the confirming moderator's own and not older than <see cref="PreviewLifetime"/>.</summary>
    public async Task<FactEditReply> ConfirmAsync(string draftId, FactEditor editor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(editor);
        var facts = store.Current;
        var language = editor.Language;
        if (Refusal(facts, editor) is { } refusal)
        {
            return refusal;
        }

        var draft = _drafts.Get(draftId);
        if (draft?.Change is null)
        {
            return Notice(facts, language, EditText.GoneTitle, EditText.GoneBody);
        }

        if (!Owns(draft, editor))
        {
            return Notice(facts, language, BotText.ModeratorsOnlyTitle, EditText.NotYoursBody);
        }

        if (time.GetUtcNow() - draft.Created > PreviewLifetime)
        {
            return new FactEditReply(Notice(facts, language, EditText.ExpiredTitle, EditText.ExpiredBody).Answer, [ReopenButton(language, draftId)]);
        }

        if (_drafts.Take(draftId) is not { Change: { } change })
        {
            return Notice(facts, language, EditText.GoneTitle, EditText.GoneBody); // a second, simultaneous confirm
        }

        var result = await writer.WriteAsync(change, cancellationToken);
        if (!result.Written)
        {
            var id = _drafts.Add(draft with { Created = time.GetUtcNow(), Change = null });
            return Problems(store.Current, language, result.Problems, id);
        }

        var body = result.Commit is { } commit
            ? BotText.Format(EditText.SavedCommit, language, change.Message, commit)
            : BotText.Format(EditText.SavedBody, language, change.Message);
        return new FactEditReply(
            new Answer
            {
                Kind = AnswerKind.Found,
                IsPrivate = true,
                Title = EditText.SavedTitle.For(language),
                Body = body,
                Footer = QueryEngine.Footer(store.Current, language),
                Language = language,
            },
            []);
    }

    /// <summary>Drops a draft; nothing is written.</summary>
    public FactEditReply Cancel(string draftId, FactEditor editor)
    {
        ArgumentNullException.ThrowIfNull(editor);
        var facts = store.Current;
        if (Refusal(facts, editor) is { } refusal)
        {
            return refusal;
        }

        var draft = _drafts.Get(draftId);
        if (draft is not null && !Owns(draft, editor))
        {
            return Notice(facts, editor.Language, BotText.ModeratorsOnlyTitle, EditText.NotYoursBody);
        }

        _drafts.Take(draftId);
        return Notice(facts, editor.Language, EditText.CancelledTitle, EditText.CancelledBody);
    }

    /// <summary>How many changes <c>/facts history</c> lists.</summary>
    public const int HistoryLength = 20;

    /// <summary><c>/facts history</c>: the latest changes, newest first — when, what, who, and the commit when git is used.</summary>
    public async Task<FactEditReply> HistoryAsync(FactEditor editor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(editor);
        var facts = store.Current;
        var language = editor.Language;
        if (Refusal(facts, editor) is { } refusal)
        {
            return refusal;
        }

        var lines = (await writer.HistoryAsync(HistoryLength, cancellationToken)).Take(HistoryLength)
            .Select(e => new AnswerLine(
                e.When.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
                e.Commit is { } commit ? $"{e.Message} · {e.Author} · {commit}" : $"{e.Message} · {e.Author}",
                []))
            .ToList();
        return new FactEditReply(
            new Answer
            {
                Kind = AnswerKind.Found,
                IsPrivate = true,
                Title = EditText.HistoryTitle.For(language),
                Body = lines.Count == 0 ? EditText.HistoryEmpty.For(language) : BotText.Format(EditText.HistoryBody, language, lines.Count),
                Sections = lines.Count == 0 ? [] : [new AnswerSection("", lines)],
                Footer = QueryEngine.Footer(facts, language),
                Language = language,
            },
            []);
    }

    internal int PendingDrafts => _drafts.Count;

    private async Task<IReadOnlyDictionary<string, SourceMetadata>> ReadPagesAsync(string action, IReadOnlyDictionary<string, string> values, FactBase facts, CancellationToken cancellationToken)
    {
        var pages = new Dictionary<string, SourceMetadata>(StringComparer.Ordinal);
        if (metadata is null)
        {
            return pages;
        }

        foreach (var url in FactChangeBuilder.UnknownSourceUrls(action, values, facts).Take(5))
        {
            if (await metadata.ReadAsync(url, cancellationToken) is { } page)
            {
                pages[url.AbsoluteUri] = page;
            }
        }

        return pages;
    }

    /// <summary>The answer a member would get that shows the change, from the staged fact base, privately.</summary>
    private Answer Preview(FactBase staged, FactEditPlan plan, string locale)
    {
        var engine = new QueryEngine(new FixedFactStore(staged), freshness: freshness) { CachesAnswers = false };
        var command = plan.PreviewCommand ?? "/help";
        var first = engine.Answer(command, locale);
        var needle = plan.PreviewNeedle is { Length: > 0 } n ? n[..Math.Min(n.Length, 40)] : null;
        if (needle is not null && !Shows(first, needle))
        {
            for (var page = 2; page <= Math.Min(first.Paging?.PageCount ?? 1, MaxPreviewPages); page++)
            {
                var answer = engine.Answer($"{command} page:{page}", locale);
                if (Shows(answer, needle))
                {
                    first = answer;
                    break;
                }
            }
        }

        return first with { IsPrivate = true };
    }

    private static bool Shows(Answer answer, string needle)
    {
        bool Has(string? text) => text?.Contains(needle, StringComparison.Ordinal) == true;
        return Has(answer.Title) || Has(answer.Body) || answer.Fields.Any(f => Has(f.Value))
            || answer.Sections.Any(s => s.Lines.Any(l => Has(l.Text) || Has(l.Detail) || Has(l.Label)))
            || answer.Citations.Any(c => Has(c.Url.AbsoluteUri) || Has(c.Title));
    }

    private static bool Owns(FactDraft draft, FactEditor editor) =>
        draft.Platform == editor.Platform && draft.UserId == editor.UserId;

    private static FactEditReply? Refusal(FactBase facts, FactEditor editor) =>
        FactsQuery.Refusal(facts, new BotRequest(CommandCatalog.Facts, new Dictionary<string, string>(), editor.Locale) { IsModerator = editor.IsModerator }) is { } answer
            ? new FactEditReply(answer, [])
            : null;

    private static FactEditButton ReopenButton(string language, string draftId) =>
        new(EditText.Reopen.For(language), FactEditButton.ReopenPrefix + draftId, IsPrimary: true);

    private static FactEditReply Problems(FactBase facts, string language, IReadOnlyList<string> problems, string draftId) => new(
        new Answer
        {
            Kind = AnswerKind.UsageError,
            Title = BotText.Format(EditText.ProblemsTitle, language, problems.Count),
            Body = EditText.ProblemsBody.For(language),
            Sections = [new AnswerSection(EditText.Problems.For(language), [.. problems.Take(MaxProblemLines).Select(p => new AnswerLine(null, p, []))])],
            Footer = QueryEngine.Footer(facts, language),
            Language = language,
        },
        [ReopenButton(language, draftId)]);

    private static FactEditReply Notice(FactBase facts, string language, Commands.LocalizedText title, Commands.LocalizedText body) => new(
        new Answer
        {
            Kind = AnswerKind.UsageError,
            Title = title.For(language),
            Body = body.For(language),
            Footer = QueryEngine.Footer(facts, language),
            Language = language,
        },
        []);
}
