using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Text;

namespace Bot.Core.Querying;

/// <summary><c>/quote SPEAKER [keyword]</c>: a speaker's quotes, best match to the keyword first, paged.</summary>
internal static class QuoteQuery
{
    public static Answer Run(FactBase facts, BotRequest request)
    {
        var language = request.Language;
        var typed = request.Option("speaker") ?? "";
        var keyword = request.Option("keyword");
        var (match, split) = ResolveSpeaker(facts, typed, keyword is null);
        keyword ??= split;
        if (match.Item is not { } speaker)
        {
            return QueryEngine.Unresolved(facts, language, typed, match,
                p => new Suggestion(QueryEngine.PersonLabel(p, language), $"/quote {p.Id}"),
                BotText.PersonNotFoundTitle, BotText.PersonNotFoundBody);
        }

        var quotes = facts.QuotesBy(speaker.Id);
        if (quotes.Count == 0)
        {
            return new Answer
            {
                Kind = AnswerKind.NotFound,
                Title = BotText.Format(BotText.NoQuotesTitle, language, speaker.Name),
                Body = BotText.NoQuotesBody.For(language),
                Suggestions = [.. facts.People
                    .Where(p => facts.QuotesBy(p.Id).Count > 0)
                    .Take(10)
                    .Select(p => new Suggestion(BotText.Format(BotText.QuotesBy, language, p.Name, facts.QuotesBy(p.Id).Count), $"/quote {p.Id}"))],
                Footer = QueryEngine.Footer(facts, language),
                Language = language,
            };
        }

        var notes = new List<string>();
        if (match.Kind == NameMatchKind.Corrected)
        {
            notes.Add(BotText.Format(BotText.Closest, language, TextSnippets.Trim(typed, 40)));
        }

        var ranked = Rank(facts, quotes, keyword);
        if (keyword is not null)
        {
            notes.Add(BotText.Format(ranked.AnyMatch ? BotText.MatchingKeyword : BotText.NoKeywordMatch, language, TextSnippets.Trim(keyword, 40)));
        }

        var resolved = new Dictionary<string, string>(StringComparer.Ordinal) { ["speaker"] = speaker.Id };
        if (keyword is not null)
        {
            resolved["keyword"] = keyword;
        }

        var paging = Paging.Of(ranked.Quotes.Count, QueryEngine.QuotePageSize, QueryEngine.Page(request), CommandCatalog.Quote, resolved);
        if (paging is null)
        {
            return QueryEngine.UsageError(facts, language,
                BotText.Format(BotText.NoSuchPage, language, QueryEngine.Page(request), Paging.PageCount(ranked.Quotes.Count, QueryEngine.QuotePageSize)),
                CommandCatalog.Find(CommandCatalog.Quote));
        }

        var citations = new CitationList(facts);
        var lines = ranked.Quotes
            .Skip((paging.Page - 1) * QueryEngine.QuotePageSize)
            .Take(QueryEngine.QuotePageSize)
            .Select(q => new AnswerLine(q.Date.ToDisplayString(language), $"“{q.Text}”", citations.Cite(q.Sources))
            {
                Detail = q.Translated ? $"{q.Context(language)} ({BotText.Translated.For(language)})" : q.Context(language),
            })
            .ToList();

        var first = ((paging.Page - 1) * QueryEngine.QuotePageSize) + 1;
        notes.Add(BotText.Format(BotText.ItemsOf, language, first, first + lines.Count - 1, ranked.Quotes.Count));
        return new Answer
        {
            Kind = AnswerKind.Found,
            Title = BotText.Format(BotText.QuotesTitle, language, speaker.Name),
            Subtitle = string.Join(" · ", notes),
            Sections = [new AnswerSection(BotText.Quotes.For(language), lines)],
            Citations = citations.All,
            Paging = paging,
            Suggestions = [new Suggestion(speaker.Name, $"/who {speaker.Id}")],
            Footer = QueryEngine.Footer(facts, language),
            Language = language,
        };
    }

    /// <summary>
    /// Finds the speaker in what was typed. When no separate keyword was given ("/quote claudia sheinbaum
    /// sovereignty"), the longest run of leading words that names someone is the speaker and the rest is the keyword.
    /// </summary>
    private static (NameMatch<Person> Match, string? Keyword) ResolveSpeaker(FactBase facts, string typed, bool mayContainKeyword)
    {
        if (!mayContainKeyword)
        {
            return (facts.PeopleIndex.Resolve(typed), null);
        }

        // Whole text first, then ever shorter leading runs of words, all without the (slower) typo search.
        var words = typed.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var take = words.Length; take >= 1; take--)
        {
            if (facts.PeopleIndex.ResolveWithoutTypos(string.Join(' ', words[..take])) is { IsResolved: true } match)
            {
                return (match, take == words.Length ? null : string.Join(' ', words[take..]));
            }
        }

        return (facts.PeopleIndex.Resolve(typed), null);
    }

    private static (IReadOnlyList<Quote> Quotes, bool AnyMatch) Rank(FactBase facts, IReadOnlyList<Quote> quotes, string? keyword)
    {
        var words = TextSnippets.KeywordTokens(keyword);
        if (words.Length == 0)
        {
            return (quotes, false);
        }

        var scored = quotes.Select(q => (Quote: q, Score: Score(facts, q, words))).ToList();
        if (scored.All(s => s.Score == 0))
        {
            return (quotes, false);
        }

        return ([.. scored.OrderByDescending(s => s.Score).ThenByDescending(s => s.Quote.Date).Select(s => s.Quote)], true);
    }

    /// <summary>Words found in the quote itself weigh most, then its topics, then its context.</summary>
    private static int Score(FactBase facts, Quote quote, string[] words)
    {
        var (text, context, topics) = facts.SearchTextOf(quote);
        var score = 0;
        foreach (var word in words)
        {
            score += (TextSnippets.MatchesWords(text, [word]) ? 4 : 0)
                + (TextSnippets.MatchesWords(topics, [word]) ? 2 : 0)
                + (TextSnippets.MatchesWords(context, [word]) ? 1 : 0);
        }

        return score;
    }
}
