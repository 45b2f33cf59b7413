using System.Globalization;
using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Feedback;
using Bot.Core.Text;

namespace Bot.Core.Querying;

/// <summary>
/// The commands that write or read the feedback store: <c>/report</c> for everyone, and <c>/facts reports|resolve|gaps</c>
/// for moderators. A report is stored (committed) before its receipt is shown.
/// </summary>
internal static class FeedbackQuery
{
    private const int ListLimit = 20;

    public static async Task<Answer> ReportAsync(FactBase facts, BotRequest request, IFeedbackStore store, CancellationToken ct)
    {
        var language = request.Language;
        var text = request.Option("text")!.Trim();
        var about = request.Option("about") is { } typed
            ? facts.PeopleIndex.Resolve(typed).Item?.Id ?? TextSnippets.Trim(typed, CommunityReport.MaxAboutLength)
            : null;
        var id = await store.AddReportAsync(TextSnippets.Trim(text, CommunityReport.MaxTextLength), about, request.Platform, ct);
        return new Answer
        {
            Kind = AnswerKind.Found,
            Title = BotText.Format(BotText.ReportReceived, language, id),
            Body = BotText.ReportThanks.For(language),
            Fields = about is null ? [] : [new AnswerField(BotText.About.For(language), about)],
            Footer = QueryEngine.Footer(facts, language),
            Language = language,
            IsPrivate = true,
        };
    }

    public static async Task<Answer> ModeratorAsync(FactBase facts, BotRequest request, string action, IFeedbackStore store, UnansweredQuestionLog? unanswered, CancellationToken ct)
    {
        var language = request.Language;
        switch (action)
        {
            case "reports":
                {
                    var reports = await store.OpenReportsAsync(ListLimit, ct);
                    return List(facts, language, BotText.OpenReportsTitle, BotText.NoOpenReports, [.. reports.Select(r =>
                    new AnswerLine($"#{r.Id} · {r.CreatedAt:yyyy-MM-dd} · {r.Platform}", r.Text, [])
                    {
                        Detail = r.About is null ? null : $"{BotText.About.For(language)}: {r.About}",
                    })]);
                }

            case "gaps":
                {
                    if (unanswered is not null)
                    {
                        await unanswered.FlushAsync(ct); // every question asked before this one is counted
                    }

                    var gaps = await store.TopUnansweredAsync(ListLimit, ct);
                    return List(facts, language, BotText.GapsTitle, BotText.NoGaps, [.. gaps.Select(g =>
                    new AnswerLine(BotText.Format(BotText.GapLabel, language, g.Count, g.LastSeen.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), g.NormalizedText, []))]);
                }

            default: // resolve
                {
                    var rest = FactsQuery.Rest(request).Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    var idText = request.Option("id") ?? rest.FirstOrDefault();
                    var note = request.Option("note") ?? (request.Option("id") is null ? rest.ElementAtOrDefault(1) : FactsQuery.Rest(request));
                    if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
                    {
                        return QueryEngine.UsageError(facts, language, BotText.ResolveUsage.For(language), CommandCatalog.Find(CommandCatalog.Facts));
                    }

                    var resolved = await store.ResolveReportAsync(id, string.IsNullOrWhiteSpace(note) ? null : TextSnippets.Trim(note, CommunityReport.MaxNoteLength), ct);
                    return resolved
                        ? new Answer
                        {
                            Kind = AnswerKind.Found,
                            Title = BotText.Format(BotText.ReportResolved, language, id),
                            Body = note,
                            Footer = QueryEngine.Footer(facts, language),
                            Language = language,
                            IsPrivate = true,
                        }
                        : QueryEngine.UsageError(facts, language, BotText.Format(BotText.NoSuchReport, language, id), CommandCatalog.Find(CommandCatalog.Facts));
                }
        }
    }

    private static Answer List(FactBase facts, string language, LocalizedText title, LocalizedText empty, IReadOnlyList<AnswerLine> lines) => new()
    {
        Kind = AnswerKind.Found,
        Title = title.For(language),
        Body = lines.Count == 0 ? empty.For(language) : null,
        Sections = lines.Count == 0 ? [] : [new AnswerSection(title.For(language), lines)],
        Footer = QueryEngine.Footer(facts, language),
        Language = language,
        IsPrivate = true,
    };
}
