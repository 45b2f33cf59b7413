using Bot.Core.Facts;
using Bot.Core.Text;

namespace Bot.Core.Asking;

/// <summary>
/// Finds the facts that answer a free-text question: BM25 candidates over the question's stems and their
/// synonyms (rarest first), plus the facts about the people it names; re-ranked by how much of the question each fact
/// covers (rare words weigh more, words in the headline count extra), the dates it bounds and what kind of fact it asks
/// for. The best fact's coverage (and whether it gives the number or covers more than the people asked about) decides
/// whether the answer is given or reported as "not sure".
/// </summary>
internal static class AskEngine
{
    /// <summary>Share of the question's (rarity-weighted) meaning a fact must cover to be offered as the answer.</summary>
    public const double ConfidentCoverage = 0.5;

    /// <summary>Share of the rest of the question (all but the weightiest word the fact covers) it must cover as well.</summary>
    public const double ConfidentRest = 0.3;

    public static AskResult Ask(FactBase facts, AskIndex index, string question)
    {
        var analysis = QuestionAnalysis.Of(question, facts, index.Vocabulary, phrase => Landmark(index, phrase), index.IsKnownWord, index.MayBeName, index.Spelling.Correct);
        var terms = analysis.Stems.Select(s => new Term(s, [.. index.Vocabulary.Expand(s)], index.Weight(s))).ToList();

        // "General election": two words the base knows, written together, that no fact uses together name something
        // the base does not know, as a word no fact uses does; no fact covers such a phrase.
        foreach (var (first, second) in analysis.Adjacent)
        {
            if (index.IsKnownStem(analysis.Stems[first]) && index.IsKnownStem(analysis.Stems[second]) && !index.UsedTogether(terms[first].Stems, terms[second].Stems))
            {
                terms.Add(new Term($"{analysis.Stems[first]} {analysis.Stems[second]}", [], index.UnknownWeight));
            }
        }

        string[] counted = analysis.Counted.Count > 0 ? [.. analysis.Counted] : [""];
        var candidates = new Dictionary<int, (AskDocument Document, double Bm25)>();
        foreach (var (document, score) in index.Search(terms.SelectMany(t => t.Stems)))
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

        // A named person weighs like a word found in as many facts as are about them: someone with a handful of facts
        // decides the answer, someone in dozens of facts leaves it to the question's other words.
        double[] personWeights = [.. analysis.People.Select(p => index.Idf(index.DocumentsAbout(p.Id).Count))];
        var context = new RankContext(analysis, terms, index.Count, [.. analysis.People.Select(NameStems)], personWeights, counted);
        var bestBm25 = candidates.Count == 0 ? 1 : Math.Max(candidates.Values.Max(c => c.Bm25), 1e-9);
        context.Latest = candidates.Values.Select(c => c.Document.Date?.Start).Max();
        var ranked = new List<AskMatch>(candidates.Count);
        foreach (var (document, bm25) in candidates.Values)
        {
            ranked.Add(Rank(document, bm25 / bestBm25, context));
        }

        // Best score first, then the one covering more of the question, then the earlier fact (keys are unique).
        ranked.Sort(static (a, b) =>
            b.Score != a.Score ? b.Score.CompareTo(a.Score)
            : b.Coverage != a.Coverage ? b.Coverage.CompareTo(a.Coverage)
            : a.Document.Key.CompareTo(b.Document.Key));

        // "When was she first put in detention?": of the facts that answer it as well as the best, the earliest.
        if (analysis.WantsFirst && ranked.Count > 1 && ranked[0].Document.Date is not null)
        {
            var best = ranked[0];
            var earliest = ranked.TakeWhile(r => r.Score >= best.Score - 0.5)
                .Where(r => r.Coverage >= best.Coverage && r.Document.Date is not null)
                .MinBy(r => r.Document.Date!.Value.Start)!;
            ranked.Remove(earliest);
            ranked.Insert(0, earliest);
        }

        // The best fact answers when it covers enough of the question, and also what the question hinges on: the number
        // asked for ("how many…", "how old…"), and something besides the people named ("what did Ebrard say about
        // Ecuador?" is not answered by Ebrard's words on something else).
        var confident = ranked.Count > 0 && ranked[0].Coverage >= ConfidentCoverage && ranked[0].Rest >= ConfidentRest
            && (!analysis.WantsQuantity || counted.Any(ranked[0].Document.Counted.Contains))
            && (terms.Count == 0 || terms.Any(t => t.Stems.Any(ranked[0].Document.Stems.Contains)));
        return new AskResult(analysis, ranked, confident);
    }

    /// <summary>
    /// Coverage of the question leads (a fact that answers all of it beats one that repeats a word often); coverage by
    /// the headline and BM25 break ties; the people named, the dates given and the kind of fact asked for adjust.
    /// </summary>
    private static AskMatch Rank(AskDocument document, double relevance, RankContext context)
    {
        var analysis = context.Analysis;
        var aboutNamed = analysis.People.Any(p => document.People.Contains(p.Id));
        var coverage = Coverage(document, context, aboutNamed, document.Stems, out var rest);
        var titleCoverage = Coverage(document, context, aboutNamed, document.TitleStems, out _);
        var score = (2 * coverage) + (0.5 * titleCoverage) + (0.5 * relevance);
        if (analysis.People.Count > 0 && document.Kind != AskDocumentKind.Position)
        {
            // A fact about someone else that names the person asked about (their lawyer's words) is not pushed down.
            var mentionsNamed = context.PersonStems.Any(names => names.Length > 0 && names.All(document.Stems.Contains));
            score += aboutNamed ? 0.5 : mentionsNamed ? 0 : -0.5;
        }

        // "Is she still in the embassy?": the person's present status and the latest facts answer it.
        if (analysis.WantsCurrent)
        {
            if (document.Kind == AskDocumentKind.Person && aboutNamed)
            {
                score += 0.5;
            }
            else if (document.Date is { } when && context.Latest is { } latest)
            {
                score -= Math.Min(0.5, (latest.DayNumber - when.Start.DayNumber) / 365.0);
            }
        }

        score += document.Kind switch
        {
            // "Who replaced Jerí?" does not ask for Jerí: the person named is the answer only to "who is X (now)?".
            AskDocumentKind.Person when analysis.WantsPerson && (!document.IsOrganization || aboutNamed) => (aboutNamed && analysis.Words.Count <= 1) || analysis.People.Count == 0 ? 1.5 * coverage : 0,
            AskDocumentKind.Person when aboutNamed && OnlyNames(analysis) => 1.5, // "what happened with Betssy Chávez?": who she is and her status
            AskDocumentKind.Quote when analysis.WantsQuote => 0.4,
            AskDocumentKind.Quote => -0.2, // someone's words on it: below the fact itself unless words are asked for
            AskDocumentKind.Position when analysis.WantsPosition => 1.2,
            AskDocumentKind.Position => -0.2, // both sides at length: offered when asked for, otherwise only when nothing narrower fits
            AskDocumentKind.Event when analysis.WantsWhen => 0.4,
            _ => 0,
        };

        if ((analysis.From is not null || analysis.To is not null) && document.Date is { } date)
        {
            score += date.Overlaps(analysis.From, analysis.To) ? 0.4 : -0.8;
        }

        if (analysis.WantsPerson && document.Person is { } person)
        {
            // "Who is the foreign minister?" means now; "who was … in November 2025" means then.
            if (HeldRoleThen(person, analysis.From, analysis.To))
            {
                score += 0.5;
            }

            // "Mexico's foreign minister" is not Peru's.
            if (analysis.Country is { } country)
            {
                score += string.Equals(person.Country, country, StringComparison.OrdinalIgnoreCase) ? 0.5 : -0.5;
            }
        }

        return new AskMatch(document, score, coverage) { Rest = rest };
    }

    /// <summary>A question that names one person and asks nothing else ("¿qué pasó con Betssy Chávez?", "what about Jerí?").</summary>
    private static bool OnlyNames(QuestionAnalysis analysis) =>
        analysis.Words.Count == 0 && analysis.People.Count == 1 && analysis.From is null && analysis.To is null && !analysis.WantsQuantity;

    private static bool HeldRoleThen(Person person, DateOnly? from, DateOnly? to) => from is null && to is null
        ? person.Roles.Any(r => r.IsCurrent)
        : person.Roles.Any(r => (r.From?.Start ?? DateOnly.MinValue) <= (to ?? DateOnly.MaxValue) && (r.To?.End ?? DateOnly.MaxValue) >= (from ?? DateOnly.MinValue));

    /// <summary>
    /// How much of the question the fact (or its headline) covers: rare words count more, words and phrases no fact has
    /// most; a named person counts as rarely as there are facts about them, covered by those facts and those that name
    /// them; "how many" counts too, covered only by the number asked for; a date outside the one asked about misses.
    /// </summary>
    private static double Coverage(AskDocument document, RankContext context, bool aboutNamed, HashSet<string> stems, out double rest)
    {
        var analysis = context.Analysis;
        rest = 1;
        if (document.Kind == AskDocumentKind.Person && aboutNamed && ((analysis.WantsPerson && analysis.Words.Count <= 1) || OnlyNames(analysis)))
        {
            return 1; // "who is X" is fully answered by X
        }

        double total = 0;
        double covered = 0;
        double best = 0; // the weightiest single word the fact covers
        var terms = context.Terms;
        for (var i = 0; i < terms.Count; i++)
        {
            total += terms[i].Weight;
            if (terms[i].Stems.Any(stems.Contains))
            {
                covered += terms[i].Weight;
                best = Math.Max(best, terms[i].Weight);
            }
        }

        var rare = Math.Log(context.Count + 1.0); // the number asked for and the date weigh like a rare word
        for (var i = 0; i < analysis.People.Count; i++)
        {
            total += context.PersonWeights[i];
            var names = context.PersonStems[i];
            if ((ReferenceEquals(stems, document.Stems) && document.People.Contains(analysis.People[i].Id)) || (names.Length > 0 && names.All(stems.Contains)))
            {
                covered += context.PersonWeights[i];
            }
        }

        if (analysis.WantsQuantity)
        {
            total += rare;
            covered += context.Counted.Any(document.Counted.Contains) ? rare : 0;
        }

        // "In 2021", "in June 2023", "after the break": a fact dated outside the time asked about misses that part of
        // the question (weighing like a rare word); one inside it only meets it, as a date alone answers nothing.
        if ((analysis.From is not null || analysis.To is not null) && document.Date is { } date && !date.Overlaps(analysis.From, analysis.To))
        {
            total += rare;
        }

        // What the fact covers besides its weightiest word: a fact from a neighbouring topic shares that one word
        // ("Chile", "ICJ") and little else.
        rest = total - best <= 0 ? 1 : (covered - best) / (total - best);
        return total == 0 ? 0 : covered / total;
    }

    /// <summary>The stems of a person's surname (the last word of their name), for facts that name them without being about them.</summary>
    private static string[] NameStems(Person person)
    {
        var tokens = TextFolding.Tokens(person.Name);
        return tokens.Length == 0 ? [] : [AskDocument.Stem(tokens[^1])];
    }

    /// <summary>The date of the event a phrase such as "the break" or "la ruptura" names, for "before/after …".</summary>
    private static PartialDate? Landmark(AskIndex index, string phrase)
    {
        var vocabulary = index.Vocabulary;
        var stems = TextFolding.Tokens(phrase).Where(w => !vocabulary.IsIgnored(w)).Select(AskDocument.Stem).ToList();
        if (stems.Count == 0)
        {
            return null;
        }

        // "After the break": the event whose headline says most of the phrase, and of those the first (later events
        // refer back to it).
        var events = index.Search(stems.SelectMany(vocabulary.Expand)).Where(r => r.Document.Kind == AskDocumentKind.Event).Take(10)
            .Select(r => (r.Document, Said: stems.Count(s => vocabulary.Expand(s).Any(r.Document.TitleStems.Contains))))
            .ToList();
        return events.Count == 0
            ? null
            : events.OrderByDescending(e => e.Said).ThenBy(e => e.Document.Date?.Start).First().Document.Date;
    }

    /// <summary>One question word: its stem, the stems it may appear as, and how much it matters.</summary>
    private sealed record Term(string Stem, string[] Stems, double Weight);

    private sealed record RankContext(QuestionAnalysis Analysis, IReadOnlyList<Term> Terms, int Count, string[][] PersonStems, double[] PersonWeights, string[] Counted)
    {
        /// <summary>The date of the latest dated candidate.</summary>
        public DateOnly? Latest { get; set; }
    }
}

internal sealed record AskMatch(AskDocument Document, double Score, double Coverage)
{
    /// <summary>The share of the question it covers besides its weightiest word (1 when the question has nothing else).</summary>
    public double Rest { get; init; } = 1;
}

internal sealed record AskResult(QuestionAnalysis Analysis, IReadOnlyList<AskMatch> Ranked, bool IsConfident);
