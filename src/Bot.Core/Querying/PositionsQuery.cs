using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Text;

namespace Bot.Core.Querying;

/// <summary><c>/positions [topic]</c>: what Mexico, Peru and third parties say on a disputed question, side by side.</summary>
internal static class PositionsQuery
{
    public static Answer Run(FactBase facts, BotRequest request)
    {
        var language = request.Language;
        var typed = request.Option("topic");
        if (typed is null)
        {
            return Index(facts, language);
        }

        var position = Find(facts, typed);
        if (position is null)
        {
            return new Answer
            {
                Kind = AnswerKind.NotFound,
                Title = BotText.Format(BotText.NoPositionTitle, language, TextSnippets.Trim(typed, 40)),
                Body = BotText.NoPositionBody.For(language),
                Suggestions = [.. facts.Positions.Select(p => new Suggestion(p.Title(language), $"/positions {p.Id}"))],
                Footer = QueryEngine.Footer(facts, language),
                Language = language,
            };
        }

        var sides = new[] { (StanceSide.Mexico, BotText.MexicoSide), (StanceSide.Peru, BotText.PeruSide), (StanceSide.ThirdParty, BotText.OtherSide) };
        var stances = sides
            .SelectMany(side => position.Stances.Where(s => s.Side == side.Item1).OrderBy(s => s.Date.End))
            .ToList();
        var paging = Paging.Of(stances.Count, QueryEngine.PositionsPageSize, QueryEngine.Page(request), CommandCatalog.Positions,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["topic"] = position.Id });
        if (paging is null)
        {
            return QueryEngine.UsageError(facts, language,
                BotText.Format(BotText.NoSuchPage, language, QueryEngine.Page(request), Paging.PageCount(stances.Count, QueryEngine.PositionsPageSize)),
                CommandCatalog.Find(CommandCatalog.Positions));
        }

        var shown = stances.Skip((paging.Page - 1) * QueryEngine.PositionsPageSize).Take(QueryEngine.PositionsPageSize).ToList();
        var citations = new CitationList(facts);
        var sections = new List<AnswerSection>();
        foreach (var (side, heading) in sides)
        {
            var lines = shown
                .Where(s => s.Side == side)
                .Select(s => Line(facts, s, citations, language))
                .ToList();
            if (lines.Count > 0)
            {
                sections.Add(new AnswerSection(heading.For(language), lines));
            }
        }

        return new Answer
        {
            Kind = AnswerKind.Found,
            Title = position.Title(language),
            Subtitle = position.Question(language),
            Sections = sections,
            Citations = citations.All,
            Suggestions = [new Suggestion(BotText.Format(BotText.TimelineOf, language, position.Title(language)), $"/timeline topic:{position.Topic}")],
            Paging = paging.PageCount > 1 ? paging : null,
            Footer = QueryEngine.Footer(facts, language),
            Language = language,
        };
    }

    /// <summary>A position by its id, or by the topic it is about (any topic name or alias, English or Spanish).</summary>
    internal static Position? Find(FactBase facts, string typed)
    {
        if (facts.TryGetPosition(typed.Trim().ToLowerInvariant(), out var byId))
        {
            return byId;
        }

        var topic = facts.TopicIndex.Resolve(typed).Item;
        return topic is null ? null : facts.Positions.FirstOrDefault(p => p.Topic == topic.Id);
    }

    private static AnswerLine Line(FactBase facts, Stance stance, CitationList citations, string language)
    {
        var who = stance.Speaker is not null && facts.TryGetPerson(stance.Speaker, out var person) ? $"{stance.Party(language)} ({person.Name})" : stance.Party(language);
        var quote = stance.Quotes.Select(id => facts.TryGetQuote(id, out var q) ? q : null).FirstOrDefault(q => q is not null);
        var numbers = citations.Cite(stance.Sources);
        if (quote is not null)
        {
            numbers = [.. numbers.Union(citations.Cite(quote.Sources))];
        }

        // The stance in one sentence, with its verbatim quote.
        return new AnswerLine($"{stance.Date.ToDisplayString(language)} · {who}", TextSnippets.FirstSentence(stance.Statement(language)), numbers)
        {
            Detail = quote is null ? null : $"“{quote.Text}”",
        };
    }

    private static Answer Index(FactBase facts, string language) => new()
    {
        Kind = AnswerKind.Found,
        Title = BotText.PositionsTitle.For(language),
        Body = BotText.PositionsBody.For(language),
        Sections = facts.Positions.Count == 0 ? [] :
        [
            new AnswerSection(BotText.Questions.For(language), [.. facts.Positions.Select(p =>
                new AnswerLine(null, p.Question(language) ?? p.Title(language), []))]),
        ],
        Suggestions = [.. facts.Positions.Select(p => new Suggestion(p.Title(language), $"/positions {p.Id}"))],
        Footer = QueryEngine.Footer(facts, language),
        Language = language,
    };
}
