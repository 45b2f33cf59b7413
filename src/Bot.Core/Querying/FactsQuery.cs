using System.Globalization;
using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Loading;

namespace Bot.Core.Querying;

/// <summary>
/// <c>/facts status|reload|check</c> for moderators (reports and gaps are answered by QueryEngine.AnswerAsync,
/// which reaches the feedback store). Everyone else gets a polite, private refusal.
/// </summary>
internal static class FactsQuery
{
    private const int MaxIssueLines = 40;

    public static Answer Run(FactBase facts, BotRequest request, IFactAdmin? admin)
    {
        var language = request.Language;
        if (Refusal(facts, request) is { } refusal)
        {
            return refusal;
        }

        if (admin is null)
        {
            return QueryEngine.UsageError(facts, language, BotText.NoAdmin.For(language), CommandCatalog.Find(CommandCatalog.Facts));
        }

        var action = Action(request);
        return action switch
        {
            "status" => StatusAnswer(admin.Status(), language, BotText.FactsStatusTitle),
            "reload" => StatusAnswer(admin.Reload(), language, BotText.FactsReloadTitle),
            "check" => CheckAnswer(facts, admin.Check(), language),
            // Chat edits (Bot.Core.Editing, above this layer) are answered by the adapters; here there is no chat.
            "add-event" or "add-quote" or "add-source" or "edit" => QueryEngine.UsageError(facts, language, BotText.Format(BotText.FormsNeedChat, language, action), CommandCatalog.Find(CommandCatalog.Facts)),
            "history" => QueryEngine.UsageError(facts, language, BotText.EditingUnavailable.For(language), CommandCatalog.Find(CommandCatalog.Facts)),
            _ => QueryEngine.UsageError(facts, language, BotText.Format(BotText.NotAChoice, language, "action", action, string.Join(", ", CommandCatalog.Find(CommandCatalog.Facts)!.Option("action")!.Choices)), CommandCatalog.Find(CommandCatalog.Facts)),
        };
    }

    /// <summary>The polite refusal for anyone who is not a moderator, or null for a moderator.</summary>
    internal static Answer? Refusal(FactBase facts, BotRequest request) => request.IsModerator
        ? null
        : new Answer
        {
            Kind = AnswerKind.UsageError,
            Title = BotText.ModeratorsOnlyTitle.For(request.Language),
            Body = BotText.ModeratorsOnlyBody.For(request.Language),
            Suggestions = [new Suggestion("/report", "/report")],
            Footer = QueryEngine.Footer(facts, request.Language),
            Language = request.Language,
        };

    /// <summary>The first word of the action option ("resolve 12 note" → "resolve").</summary>
    internal static string Action(BotRequest request) =>
        (request.Option("action") ?? "").Trim().Split(' ', 2)[0].ToLowerInvariant();

    /// <summary>The words after the action ("resolve 12 fixed it" → "12 fixed it"), for text-form arguments.</summary>
    internal static string Rest(BotRequest request)
    {
        var parts = (request.Option("action") ?? "").Trim().Split(' ', 2, StringSplitOptions.TrimEntries);
        return parts.Length > 1 ? parts[1] : "";
    }

    /// <summary>People and events whose id or name starts with (or contains) what was typed: what <c>/facts edit</c> can edit.</summary>
    internal static IReadOnlyList<Suggestion> CompleteTarget(FactBase facts, string? typed, int limit)
    {
        var people = facts.PeopleIndex.Complete(typed, limit).Select(p => new Suggestion(p.Name, p.Id));
        var folded = Text.TextFolding.Fold(typed);
        var events = facts.Events
            .Where(e => folded.Length == 0 || e.Id.Contains(folded.Replace(' ', '-'), StringComparison.Ordinal) || Text.TextFolding.Fold(e.Title).Contains(folded, StringComparison.Ordinal))
            .OrderByDescending(e => e.Date)
            .Select(e => new Suggestion($"{e.Date} {e.Title}", e.Id));
        return [.. people.Concat(events).Take(limit)];
    }

    private static Answer StatusAnswer(FactAdminStatus status, string language, LocalizedText title)
    {
        var facts = status.Serving;
        var fields = new List<AnswerField>
        {
            new(BotText.Version.For(language), facts.Version),
            new(BotText.LoadedAt.For(language), facts.LoadedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
            new(BotText.Counts.For(language), string.Create(CultureInfo.InvariantCulture,
                $"{facts.People.Count} people · {facts.Events.Count} events · {facts.Quotes.Count} quotes · {facts.Positions.Count} positions · {facts.Sources.Count} sources")),
            // the folder's name only: the server's absolute path is nobody's business in chat
            new(BotText.Folder.For(language), FolderName(status.Folder), Inline: false),
        };
        var sections = status.LastErrors.Count == 0
            ? new List<AnswerSection>()
            : [new AnswerSection(BotText.LastErrors.For(language), [.. status.LastErrors.Take(MaxIssueLines).Select(e => new AnswerLine(null, e.ToString(), []))])];
        var body = status.LastErrors.Count == 0
            ? (status.Reloaded ? BotText.ReloadOk : BotText.StatusOk).For(language)
            : BotText.Format(BotText.StatusRefused, language, status.LastErrors.Count);
        return new Answer
        {
            Kind = AnswerKind.Found,
            IsPrivate = true, // diagnostics are for the moderator who asked, not the channel
            Title = title.For(language),
            Body = body,
            Fields = fields,
            Sections = sections,
            Footer = QueryEngine.Footer(facts, language),
            Language = language,
        };
    }

    private static string FolderName(string folder)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        return name.Length > 0 ? name : folder;
    }

    private static Answer CheckAnswer(FactBase facts, FactLoadReport report, string language)
    {
        var errors = report.Errors.ToList();
        var warnings = report.Warnings.ToList();
        var sections = new List<AnswerSection>();
        if (errors.Count > 0)
        {
            sections.Add(new AnswerSection(BotText.Errors.For(language), [.. errors.Take(MaxIssueLines).Select(e => new AnswerLine(null, e.ToString(), []))]));
        }

        if (warnings.Count > 0)
        {
            sections.Add(new AnswerSection(BotText.Warnings.For(language), [.. warnings.Take(MaxIssueLines).Select(e => new AnswerLine(null, e.ToString(), []))]));
        }

        return new Answer
        {
            Kind = AnswerKind.Found,
            IsPrivate = true,
            Title = BotText.FactsCheckTitle.For(language),
            Body = BotText.Format(BotText.CheckSummary, language, errors.Count, warnings.Count),
            Sections = sections,
            Footer = QueryEngine.Footer(facts, language),
            Language = language,
        };
    }
}
