using Bot.Core.Answers;
using Bot.Core.Asking;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Text;

namespace Bot.Core.Querying;

/// <summary>
/// <c>/ask QUESTION [page:]</c>: the facts that best answer a free-text question, three at a time, each cut to the
/// sentence that answers it, with its date and sources; a "More" button pages through the rest. An honest "not sure"
/// with the closest facts when nothing clearly answers it.
/// </summary>
internal static class AskQuery
{
    /// <summary>Facts on one page: an answer on a phone screen, not a search result list.</summary>
    public const int PageSize = 3;

    /// <summary>The most facts offered for one question (four pages): past these, the question is too broad to page through.</summary>
    public const int MaxFacts = 12;

    /// <summary>At most this much of a summary (our own words, never a quote) is shown for one fact, cut between words.</summary>
    private const int MaxSummary = 280;

    /// <summary>The same for an event whose line also carries the claims its sources disagree on.</summary>
    private const int MaxSummaryBesideVariants = 180;

    /// <summary>At most this much of each side's stance in a position: two sides share one line.</summary>
    private const int MaxStance = 180;

    /// <summary>Further facts are shown only if they score at least this share of the best one.</summary>
    private const double RunnerUpShare = 0.6;

    public static Answer Run(FactBase facts, BotRequest request, Freshness freshness)
    {
        var question = request.Option("question") ?? "";

        // A question asked in Spanish is searched in the Spanish texts too and answered in Spanish, whatever the
        // asker's locale; one that does not tell keeps the asker's language.
        var language = QuestionLanguage.Of(question, request.Language);
        var index = AskIndex.For(facts, language);
        var result = AskEngine.Ask(facts, index, question);
        var citations = new CitationList(facts);
        var words = QuestionStems(result.Analysis, index.Vocabulary);
        if (!result.IsConfident)
        {
            var closest = result.Ranked.Take(PageSize).Select(m => Line(facts, m.Document, words, citations, language, freshness)).ToList();
            return new Answer
            {
                Kind = AnswerKind.NotFound,
                Title = BotText.NotSureTitle.For(language),
                Subtitle = $"“{TextSnippets.Trim(question, 120)}”",
                Body = (closest.Count > 0 ? BotText.NotSureBody : BotText.NothingClose).For(language),
                Sections = closest.Count > 0 ? [new AnswerSection(BotText.AskAnswers.For(language), closest)] : [],
                Citations = citations.All,
                Suggestions = [new Suggestion("/help", "/help"), new Suggestion("/timeline", "/timeline"), new Suggestion("/report", "/report")],
                Footer = QueryEngine.Footer(facts, language),
                Language = language,
            };
        }

        // The ranking decides which facts answer and in what order; here they are only cut into pages. A question too
        // long to travel whole in a button gets its first page only, so a page never answers a shortened question.
        var best = result.Ranked[0].Score;
        var answering = result.Ranked
            .Where((m, i) => i == 0 || (m.Score >= best * RunnerUpShare && m.Coverage >= AskEngine.ConfidentCoverage * 0.8))
            .Take(PageToken.CarriesQuestion(question) ? MaxFacts : PageSize)
            .ToList();
        var options = new Dictionary<string, string>(StringComparer.Ordinal) { ["question"] = question };
        var paging = Paging.Of(answering.Count, PageSize, QueryEngine.Page(request), CommandCatalog.Ask, options);
        if (paging is null)
        {
            return TimelineQuery.NoSuchPage(facts, language, request, answering.Count, PageSize);
        }

        var lines = answering
            .Skip((paging.Page - 1) * PageSize)
            .Take(PageSize)
            .Select(m => Line(facts, m.Document, words, citations, language, freshness))
            .ToList();
        return new Answer
        {
            Kind = AnswerKind.Found,
            Title = TextSnippets.Trim(question, 200),
            Body = AsksAboutNow(question) ? AsOf(citations.All, language, freshness) : null,
            Sections = [new AnswerSection(BotText.AskAnswers.For(language), lines)],
            Citations = citations.All,
            Suggestions = AsksWhy(question) ? PositionsOn(facts, lines) : [],
            Paging = paging.PageCount > 1 ? paging with { NextIsMore = true } : null,
            Footer = QueryEngine.Footer(facts, language),
            Language = language,
        };
    }

    /// <summary>Words that ask for reasons or justifications: the two sides' positions answer those at length.</summary>
    private static readonly HashSet<string> WhyWords = new(StringComparer.Ordinal)
    {
        "why", "justify", "justifies", "justified", "justification", "grounds", "basis", "treaty", "position", "stance", "argue", "argues",
        "porque", "justifica", "justificar", "justificacion", "tratado", "postura", "posicion", "argumenta", "argumento",
    };

    internal static bool AsksWhy(string question)
    {
        var tokens = TextFolding.Tokens(question);
        return tokens.Any(WhyWords.Contains) || tokens.Zip(tokens.Skip(1)).Any(p => p is ("por", "que"));
    }

    /// <summary>/positions on the topics of the facts given (and on the positions among them).</summary>
    private static List<Suggestion> PositionsOn(FactBase facts, IReadOnlyList<AnswerLine> lines)
    {
        var shown = lines.Select(l => l.FactId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var topics = new List<string>();
        foreach (var id in shown)
        {
            topics.AddRange(facts.TryGetEvent(id, out var e) ? e.Topics : facts.TryGetQuote(id, out var q) ? q.Topics : facts.TryGetPosition(id, out var p) ? [p.Topic] : []);
        }

        return [.. facts.Positions
            .Where(p => topics.Contains(p.Topic, StringComparer.Ordinal))
            .Take(2)
            .Select(p => new Suggestion($"/positions {p.Id}", $"/positions {p.Id}"))];
    }

    /// <summary>The fact cut to what answers the question, with its date and its best sources.</summary>
    private static AnswerLine Line(FactBase facts, AskDocument document, IReadOnlyList<string[]> words, CitationList citations, string language, Freshness freshness)
    {
        switch (document.Kind)
        {
            case AskDocumentKind.Event when facts.TryGetEvent(document.FactId, out var e):
                // The claims sources disagree on ("63 votes" / "64 votes") are shown with their sources, as /timeline does.
                var cited = new List<int>(citations.Cite(e.Sources, QueryEngine.MaxCitationsPerLine));
                var detail = TimelineQuery.VariantDetail(e, citations, language, cited);
                // Where sources disagree the line carries their claims too, so its own sentence is held shorter.
                var max = detail is null ? MaxSummary : MaxSummaryBesideVariants;
                return new AnswerLine(e.Date.ToDisplayString(language), $"{e.Title(language)}: {Answering(e.Summary(language), words, max)}", cited)
                {
                    FactId = e.Id,
                    Detail = detail,
                };
            case AskDocumentKind.Quote when facts.TryGetQuote(document.FactId, out var q):
                // A quote is shown whole: cutting it would put words in the speaker's mouth.
                var speaker = facts.TryGetPerson(q.Speaker, out var p) ? p.Name : q.Speaker;
                return new AnswerLine($"{q.Date.ToDisplayString(language)} · {speaker}", $"“{q.Text}”", citations.Cite(q.Sources, QueryEngine.MaxCitationsPerLine))
                {
                    FactId = q.Id,
                    Detail = q.Translated ? $"{q.Context(language)} ({BotText.Translated.For(language)})" : q.Context(language),
                };
            case AskDocumentKind.Person when facts.TryGetPerson(document.FactId, out var person):
                var roles = person.Roles.Where(r => r.IsCurrent).Select(r => $"{r.Title(language)}: {QueryEngine.RoleSpan(facts, r, language, freshness)}").ToList();
                return new AnswerLine(person.Name, Answering(person.Summary(language), words, MaxSummary), citations.Cite(person.Sources, QueryEngine.MaxCitationsPerLine))
                {
                    FactId = person.Id,
                    Detail = roles.Count > 0 ? $"{string.Join("; ", roles)} · /who {person.Id}" : $"/who {person.Id}",
                };
            case AskDocumentKind.Position when facts.TryGetPosition(document.FactId, out var position):
                var sides = string.Join(" ", position.Stances.Take(2).Select(s => $"{s.Party(language)}: {Answering(s.Statement(language), words, MaxStance)}"));
                return new AnswerLine(position.Title(language), sides, citations.Cite(position.Stances.SelectMany(s => s.Sources).Distinct(), QueryEngine.MaxCitationsPerLine))
                {
                    FactId = position.Id,
                    Detail = $"/positions {position.Id}",
                };
            default:
                throw new System.Diagnostics.UnreachableException($"Index document {document.FactId} has no fact in its snapshot.");
        }
    }

    /// <summary>The question's words as stems, each with the stems it may appear as (its synonyms).</summary>
    private static List<string[]> QuestionStems(QuestionAnalysis analysis, AskVocabulary vocabulary) =>
        [.. analysis.Stems.Select(s => vocabulary.Expand(s).ToArray())];

    /// <summary>
    /// The sentence of a summary that says most of the question's words: the one that answers it. The first sentence
    /// (the summary's lead) when none says more than it does. Cut between words, with "…", past <paramref name="max"/>.
    /// </summary>
    internal static string Answering(string text, IReadOnlyList<string[]> words, int max)
    {
        var sentence = Best(text, words);
        if (sentence.Length <= max)
        {
            return sentence;
        }

        var cut = sentence.LastIndexOf(' ', max - 1);
        return sentence[..(cut > max / 2 ? cut : max - 1)].TrimEnd(' ', ',', ';', ':') + "…";
    }

    private static string Best(string text, IReadOnlyList<string[]> words)
    {
        var sentences = TextSnippets.Sentences(text);
        if (sentences.Count == 1 || words.Count == 0)
        {
            return sentences[0];
        }

        var best = sentences[0];
        var bestSaid = Said(best, words);
        foreach (var sentence in sentences.Skip(1))
        {
            var said = Said(sentence, words);
            if (said > bestSaid)
            {
                (best, bestSaid) = (sentence, said);
            }
        }

        return best;
    }

    /// <summary>
    /// How many of the question's words (each with its synonyms' stems) a sentence says. A word of the sentence is
    /// stemmed only when it starts like one of those stems: stemming changes only a word's end, never its first two
    /// letters (the Spanish -ción becomes -tion: acción → action).
    /// </summary>
    private static int Said(string sentence, IReadOnlyList<string[]> words)
    {
        var buffer = sentence.Length <= 512 ? stackalloc char[1024] : new char[sentence.Length * 2];
        var folded = buffer[..TextFolding.FoldInto(sentence, buffer)];
        Span<bool> said = words.Count <= 64 ? stackalloc bool[words.Count] : new bool[words.Count];
        foreach (var range in folded.Split(' '))
        {
            var token = folded[range];
            string? stem = null;
            for (var w = 0; w < words.Count; w++)
            {
                foreach (var candidate in words[w])
                {
                    if (!said[w] && token.StartsWith(candidate.AsSpan(0, Math.Min(2, candidate.Length)), StringComparison.Ordinal))
                    {
                        stem ??= AskDocument.Stem(token.ToString());
                        said[w] |= stem == candidate;
                    }
                }
            }
        }

        return said.Count(true);
    }

    /// <summary>Words that ask about the present ("still", "now", "todavía"…): such a question is answered with the date its facts speak for.</summary>
    private static readonly HashSet<string> NowWords = new(StringComparer.Ordinal)
    {
        "now", "still", "currently", "current", "today", "presently", "anymore", "yet", "latest",
        "ahora", "todavia", "aun", "actualmente", "hoy", "sigue", "siguen", "seguira", "ultimo", "ultima",
    };

    internal static bool AsksAboutNow(string question) => TextFolding.Tokens(question).Any(NowWords.Contains);

    /// <summary>
    /// "As of" the newest source behind the answer, and, when even that is older than the staleness limit, that later
    /// developments may be missing, with the way to report one.
    /// </summary>
    private static string? AsOf(IReadOnlyList<Citation> citations, string language, Freshness freshness)
    {
        if (citations.Count == 0)
        {
            return null;
        }

        var newest = citations.Select(c => c.Published).Max();
        return BotText.Format(freshness.IsStale(newest) ? BotText.MayBeOutdated : BotText.AsOfAnswer, language, newest.ToDisplayString(language));
    }
}
