using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;

namespace Bot.Core.Querying;

/// <summary><c>/sources [page:]</c>: every source, grouped by outlet, each with its link.</summary>
internal static class SourcesQuery
{
    public static Answer Run(FactBase facts, BotRequest request)
    {
        var language = request.Language;
        var paging = Paging.Of(facts.Sources.Count, QueryEngine.SourcesPageSize, QueryEngine.Page(request), CommandCatalog.Sources, new Dictionary<string, string>());
        if (paging is null)
        {
            return QueryEngine.UsageError(facts, language,
                BotText.Format(BotText.NoSuchPage, language, QueryEngine.Page(request), Paging.PageCount(facts.Sources.Count, QueryEngine.SourcesPageSize)),
                CommandCatalog.Find(CommandCatalog.Sources));
        }

        var sections = facts.Sources
            .Skip((paging.Page - 1) * QueryEngine.SourcesPageSize)
            .Take(QueryEngine.SourcesPageSize)
            .GroupBy(s => s.Outlet, StringComparer.Ordinal)
            .Select(g => new AnswerSection(g.Key, [.. g.Select(s => new AnswerLine(s.Published.ToDisplayString(language), s.Title, []) { Link = s.Url })]))
            .ToList();

        var first = ((paging.Page - 1) * QueryEngine.SourcesPageSize) + 1;
        var shown = sections.Sum(s => s.Lines.Count);
        return new Answer
        {
            Kind = AnswerKind.Found,
            Title = BotText.SourcesTitle.For(language),
            Subtitle = BotText.Format(BotText.ItemsOf, language, first, first + shown - 1, facts.Sources.Count),
            Body = BotText.SourcesBody.For(language),
            Sections = sections,
            Paging = paging,
            Footer = QueryEngine.Footer(facts, language),
            Language = language,
        };
    }
}
