using Bot.Core.Facts;

namespace Bot.Core.Asking;

/// <summary>
/// Finds the facts that answer a free-text question: FTS5/BM25 candidates over the question's words and their
/// synonyms, re-ranked by the people it names, the dates it bounds and what kind of fact it asks for; and a measure of
/// how much of the question the best fact covers, so that a weak match is reported as "not sure".
/// </summary>
internal static class AskEngine
{
    /// <summary>Share of the question's (rarity-weighted) meaning a fact must cover to be offered as the answer.</summary>
    public const double ConfidentCoverage = 0.5;

    public static AskResult Ask(FactBase facts, AskIndex index, string question)
    {
        var analysis = QuestionAnalysis.Of(question, facts, phrase => Landmark(index, phrase), index.IsKnownWord);
        var candidates = new Dictionary<int, (AskDocument Document, double Bm25)>();
        foreach (var (document, score) in index.Search(MatchExpression(analysis.Words.Where(w => !index.IsCommonWord(w)))))
        {
            candidates[document.Key] = (document, score);
        }

        // A question that names someone can be answered by their facts even when its other words match nothing.
        foreach (var person in analysis.People)
        {
            foreach (var document in index.DocumentsAbout(person.Id))
            {
                candidates.TryAdd(document.Key, (document, 0));
            }
        }

        var bestBm25 = candidates.Count == 0 ? 1 : Math.Max(candidates.Values.Max(c => c.Bm25), 1e-9);
        var ranked = candidates.Values
            .Select(c => Rank(c.Document, c.Bm25 / bestBm25, analysis, index))
            .OrderByDescending(r => r.Score)
            .ThenByDescending(r => r.Coverage)
            .ToList();

        var confident = ranked.Count > 0 && ranked[0].Coverage >= ConfidentCoverage;
        return new AskResult(analysis, ranked, confident);
    }

    /// <summary>
    /// Coverage of the question leads (a fact that answers all of it beats one that repeats a word often); BM25 breaks
    /// ties; the people named, the dates given and the kind of fact asked for adjust.
    /// </summary>
    private static AskMatch Rank(AskDocument document, double relevance, QuestionAnalysis analysis, AskIndex index)
    {
        var aboutNamed = analysis.People.Any(p => document.People.Contains(p.Id));
        var coverage = Coverage(document, analysis, index, aboutNamed);
        var score = (2 * coverage) + relevance;
        if (analysis.People.Count > 0 && document.Kind != AskDocumentKind.Position)
        {
            score += aboutNamed ? 0.5 : -0.5;
        }

        score += document.Kind switch
        {
            AskDocumentKind.Person when analysis.WantsPerson && !document.IsOrganization => aboutNamed || analysis.People.Count == 0 ? 1.5 : 0,
            AskDocumentKind.Quote when analysis.WantsQuote => 0.4,
            AskDocumentKind.Position when analysis.WantsPosition => 1.2,
            AskDocumentKind.Event when analysis.WantsWhen => 0.4,
            _ => 0,
        };

        if ((analysis.From is not null || analysis.To is not null) && document.Date is { } date)
        {
            score += date.Overlaps(analysis.From, analysis.To) ? 0.4 : -0.8;
        }

        // "Who is the foreign minister?" means now; "who was … in November 2025" means then.
        if (analysis.WantsPerson && document.Person is { } person && HeldRoleThen(person, analysis.From, analysis.To))
        {
            score += 0.5;
        }

        return new AskMatch(document, score, coverage);
    }

    private static bool HeldRoleThen(Person person, DateOnly? from, DateOnly? to) => from is null && to is null
        ? person.Roles.Any(r => r.IsCurrent)
        : person.Roles.Any(r => (r.From?.Start ?? DateOnly.MinValue) <= (to ?? DateOnly.MaxValue) && (r.To?.End ?? DateOnly.MaxValue) >= (from ?? DateOnly.MinValue));

    /// <summary>How much of the question the fact covers: rare words count more; named people count when the fact is about them.</summary>
    private static double Coverage(AskDocument document, QuestionAnalysis analysis, AskIndex index, bool aboutNamed)
    {
        if (analysis.WantsPerson && document.Kind == AskDocumentKind.Person && aboutNamed && analysis.Words.Count <= 1)
        {
            return 1; // "who is X" is fully answered by X
        }

        double total = 0;
        double covered = 0;
        foreach (var word in analysis.Words)
        {
            var weight = index.Weight(word);
            total += weight;
            if (Vocabulary.Expand(word).Any(w => document.Stems.Contains(AskDocument.Stem(w))))
            {
                covered += weight;
            }
        }

        foreach (var person in analysis.People)
        {
            // A named person weighs like a rare word.
            var weight = Math.Log(index.Count + 1.0);
            total += weight;
            covered += document.People.Contains(person.Id) ? weight : 0;
        }

        return total == 0 ? 0 : covered / total;
    }

    /// <summary>An FTS5 query: any of the words or their synonyms (words are folded ASCII, quoted so none is syntax).</summary>
    internal static string MatchExpression(IEnumerable<string> words) =>
        string.Join(" OR ", words.SelectMany(Vocabulary.Expand).Distinct(StringComparer.Ordinal).Select(w => $"\"{w}\""));

    /// <summary>The date of the event a phrase such as "the break" or "la ruptura" names, for "before/after …".</summary>
    private static PartialDate? Landmark(AskIndex index, string phrase)
    {
        var words = Bot.Core.Text.TextFolding.Tokens(phrase).Where(w => !Vocabulary.StopWords.Contains(w)).ToList();
        return words.Count == 0
            ? null
            : index.Search(MatchExpression(words.Where(w => !index.IsCommonWord(w)))).FirstOrDefault(r => r.Document.Kind == AskDocumentKind.Event).Document?.Date;
    }
}

internal sealed record AskMatch(AskDocument Document, double Score, double Coverage);

internal sealed record AskResult(QuestionAnalysis Analysis, IReadOnlyList<AskMatch> Ranked, bool IsConfident);
