using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Bot.Core.Facts;
using Bot.Core.Text;

namespace Bot.Core.Asking;

/// <summary>
/// A full-text index over every fact of one snapshot (events, quotes, people, positions), in managed memory: an
/// inverted index from each stem to the facts that use it, ranked by BM25 (k1 = 1.2, b = 0.75) with the title and
/// names weighing more than the body. The text is folded and stemmed by <see cref="Stemmer"/> (English and Spanish)
/// once, so the index, the question and the coverage measure all see the same stems. Immutable once built, so any
/// number of threads search it at once; it lives as long as its snapshot and is collected with it.
/// </summary>
internal sealed class AskIndex
{
    private const int CandidateLimit = 80;

    /// <summary>
    /// How many postings one search may visit. Terms are added rarest first until the next would pass this budget;
    /// the common ones left out still count toward coverage. On the real base no question comes near it; on a base a
    /// hundred times larger it keeps BM25 from being computed for thousands of facts that share one common word.
    /// </summary>
    private const int PostingBudget = 1200;

    // BM25 parameters, and how much a word counts in each part of a fact: a question naming an event's subject should
    // find that event, so title words count four times and names twice as much as words of the body.
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const double TitleWeight = 4.0;
    private const double BodyWeight = 1.0;
    private const double NamesWeight = 2.0;

    // A fact's example questions (asks:, asks_es:) are written the way members ask, so their words count like the body's.
    private const double AsksWeight = 1.0;

    private static readonly ConditionalWeakTable<FactBase, Lazy<AskIndex>> Indexes = [];
    private static readonly ConditionalWeakTable<FactBase, Lazy<AskIndex>> SpanishIndexes = [];

    private readonly Dictionary<string, Posting[]> _postings = new(StringComparer.Ordinal);
    private readonly double[] _lengthNorm; // k1 · (1 − b + b · length / average length), per document
    private readonly Dictionary<string, AskDocument[]> _byPerson;
    private readonly string[] _nameWords;

    /// <summary>
    /// Builds the index of <paramref name="facts"/> (see <see cref="For"/> for the one a snapshot uses): of the English
    /// texts, or, for questions asked in Spanish, of the English and the Spanish texts (<c>title_es</c>,
    /// <c>summary_es</c>…) together. They are two indexes, not one: Spanish words in the English one would blur the
    /// English questions' ranking.
    /// </summary>
    public AskIndex(FactBase facts, bool spanish = false)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var stems = new StemMemo();
        var built = BuildDocuments(facts, stems, spanish).ToList();
        Documents = [.. built.Select(b => b.Document)];

        var postings = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        var weighted = new Dictionary<string, double>(StringComparer.Ordinal);
        long totalLength = 0;
        foreach (var (document, title, body, names, asks) in built)
        {
            weighted.Clear();
            Count(weighted, title, TitleWeight);
            Count(weighted, body, BodyWeight);
            Count(weighted, names, NamesWeight);
            Count(weighted, asks, AsksWeight);
            foreach (var (stem, frequency) in weighted)
            {
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(postings, stem, out _);
                (list ??= []).Add(new Posting(document.Key, frequency));
            }

            totalLength += title.Length + body.Length + names.Length + asks.Length;
        }

        foreach (var (stem, list) in postings)
        {
            _postings[stem] = [.. list];
        }

        var averageLength = Documents.Count == 0 ? 1 : Math.Max(1, (double)totalLength / Documents.Count);
        _lengthNorm = [.. built.Select(b => K1 * (1 - B + (B * (b.Title.Length + b.Body.Length + b.Names.Length + b.Asks.Length) / averageLength)))];
        Spelling = new Spelling(stems.Words.Concat(Vocabulary.Words.Select(TextFolding.Fold)), w => Vocabulary.Expand(AskDocument.Stem(w)).Max(DocumentFrequency));
        _nameWords = [.. facts.People.SelectMany(FactBase.NamesOf).SelectMany(TextFolding.Tokens).Where(t => t.Length >= 4).Distinct(StringComparer.Ordinal)];
        _byPerson = Documents.SelectMany(d => d.People.Select(p => (Person: p, Document: d)))
            .GroupBy(x => x.Person, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Document).ToArray(), StringComparer.Ordinal);

        static void Count(Dictionary<string, double> weighted, string[] words, double weight)
        {
            foreach (var word in words)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(weighted, word, out _) += weight;
            }
        }
    }

    /// <summary>
    /// The index of a snapshot: built once, on first use (the host builds it before a new snapshot serves), and kept
    /// exactly as long as the snapshot is.
    /// </summary>
    public static AskIndex For(FactBase facts, string language = "en") => language == "es"
        ? SpanishIndexes.GetValue(facts, f => new Lazy<AskIndex>(() => new AskIndex(f, spanish: true), LazyThreadSafetyMode.ExecutionAndPublication)).Value
        : Indexes.GetValue(facts, f => new Lazy<AskIndex>(() => new AskIndex(f), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    public IReadOnlyList<AskDocument> Documents { get; }

    /// <summary>Corrects a misspelled question word to a word of the facts or the vocabulary.</summary>
    public Spelling Spelling { get; }

    public int Count => Documents.Count;

    /// <summary>The facts about, by or quoting a person.</summary>
    public IReadOnlyList<AskDocument> DocumentsAbout(string personId) => _byPerson.TryGetValue(personId, out var documents) ? documents : [];

    /// <summary>How many facts use the stem.</summary>
    public int DocumentFrequency(string stem) => _postings.TryGetValue(stem, out var postings) ? postings.Length : 0;

    /// <summary>True when some fact uses the stem or a synonym.</summary>
    public bool IsKnownStem(string stem) => Vocabulary.Expand(stem).Any(_postings.ContainsKey);

    /// <summary>True when some fact uses the (folded) word or a synonym.</summary>
    public bool IsKnownWord(string word) => Vocabulary.Expand(AskDocument.Stem(word)).Any(_postings.ContainsKey);

    /// <summary>
    /// Stems in more than a third of all facts ("mexico", "peru") barely rank anything and would make the full-text
    /// search visit most of the base; they still count toward how much of a question a fact covers.
    /// </summary>
    public bool IsCommonStem(string stem) => DocumentFrequency(stem) * 3 > Count;

    /// <summary>
    /// How much a question word (by its stem) matters: its inverse document frequency, counting its synonyms, so rare
    /// words count more than common ones. A word no fact uses at all gets the same formula with no fact (more than the
    /// rarest word the base has): a question that hinges on it ("Trump", "born", "cost") asks what the base does not
    /// know, and must come out as "not sure" however well the rest of it matches. Paraphrases of words the base does
    /// use are <see cref="Vocabulary"/>'s job, not this weight's.
    /// </summary>
    public double Weight(string stem) => Idf(Vocabulary.Expand(stem).Max(DocumentFrequency));

    /// <summary>The weight of something no fact has (a word, or two words no fact uses together).</summary>
    public double UnknownWeight => Idf(0);

    /// <summary>Inverse document frequency: how rare something found in that many facts is.</summary>
    public double Idf(int documents) => Math.Log((Count + 1.0) / (documents + 0.5));

    /// <summary>
    /// The best matches for any of the stems, with their BM25 score (higher is better): the rarest stems first, as
    /// many as the posting budget allows; stems no fact uses are skipped.
    /// </summary>
    public IReadOnlyList<(AskDocument Document, double Score)> Search(IEnumerable<string> stems)
    {
        var terms = new List<Posting[]>();
        var postings = 0;
        foreach (var (_, list) in stems.Distinct(StringComparer.Ordinal)
            .Select(s => (Stem: s, Postings: _postings.GetValueOrDefault(s)))
            .Where(s => s.Postings is not null && s.Postings.Length * 3 <= Count)
            .OrderBy(s => s.Postings!.Length)
            .ThenBy(s => s.Stem, StringComparer.Ordinal))
        {
            if (terms.Count > 0 && postings + list!.Length > PostingBudget)
            {
                break;
            }

            terms.Add(list!);
            postings += list!.Length;
        }

        var scores = new Dictionary<int, double>(postings);
        foreach (var list in terms)
        {
            // BM25's inverse document frequency, never below a tiny positive share (as SQLite FTS5 computes it).
            var idf = Math.Max(Math.Log((Count - list.Length + 0.5) / (list.Length + 0.5)), 1e-6);
            foreach (var (key, frequency) in list)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(scores, key, out _) += idf * frequency * (K1 + 1) / (frequency + _lengthNorm[key]);
            }
        }

        return [.. scores
            .OrderByDescending(s => s.Value)
            .ThenBy(s => s.Key)
            .Take(CandidateLimit)
            .Select(s => (Documents[s.Key], s.Value))];
    }

    /// <summary>
    /// True when some fact uses a form of both words (any stem of each list). Words in a third of the facts or more
    /// ("mexico", "peru") go with nearly everything and are taken to.
    /// </summary>
    public bool UsedTogether(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        var a = first.Where(_postings.ContainsKey).ToList();
        var b = second.Where(_postings.ContainsKey).ToList();
        if (a.Count == 0 || b.Count == 0)
        {
            return false;
        }

        if (a.Any(IsCommonStem) || b.Any(IsCommonStem) || a.Intersect(b, StringComparer.Ordinal).Any())
        {
            return true;
        }

        var withFirst = a.SelectMany(s => _postings[s]).Select(p => p.Key).ToHashSet();
        return b.SelectMany(s => _postings[s]).Any(p => withFirst.Contains(p.Key));
    }

    /// <summary>
    /// True when a word is close enough to a word of someone's name (two edits at most) for a typo search to be
    /// worth it: "sheinbam" is, "population" is not. Cheap: it compares with the distinct name words only.
    /// </summary>
    public bool MayBeName(string word) => _nameWords.Any(n => EditDistance.Bounded(word, n, 2) <= 2);

    /// <summary>Each fact's document, with its title, body and names folded and stemmed.</summary>
    private static IEnumerable<Built> BuildDocuments(FactBase facts, StemMemo stems, bool spanish)
    {
        var key = 0;
        string Es(string? text) => spanish && text is not null ? $" {text}" : "";

        // Example questions: the English ones in both indexes (as every English text is), the Spanish ones in the Spanish one.
        string AsksOf(IReadOnlyList<string> asks, IReadOnlyList<string> asksEs) => string.Join(" ", spanish ? asks.Concat(asksEs) : asks);
        string NamesOf(IEnumerable<string> personIds) => string.Join(" ", personIds.Select(id => facts.TryGetPerson(id, out var p) ? string.Join(" ", FactBase.NamesOf(p)) : id));
        string TopicsOf(IEnumerable<string> topicIds) => string.Join(" ", topicIds.Select(id => facts.TryGetTopic(id, out var t) ? $"{t.Name}{Es(t.NameEs)} {string.Join(' ', t.Aliases)}" : id));

        foreach (var e in facts.Events)
        {
            yield return Document(
                stems, key++, AskDocumentKind.Event, e.Id, e.Date, e.Title + Es(e.TitleEs),
                $"{e.Summary}{Es(e.SummaryEs)} {string.Join(' ', e.Variants.Select(v => v.Claim + Es(v.ClaimEs)))} {DateWords(e.Date)}",
                $"{NamesOf(e.People)} {TopicsOf(e.Topics)}",
                e.People,
                $"{e.Title} {e.Summary} {string.Join(' ', e.Variants.Select(v => v.Claim))}{Es(e.TitleEs)}{Es(e.SummaryEs)} {string.Join(' ', e.Variants.Select(v => Es(v.ClaimEs)))}",
                AsksOf(e.Asks, e.AsksEs));
        }

        foreach (var q in facts.Quotes)
        {
            var speaker = facts.TryGetPerson(q.Speaker, out var p) ? p.Name : q.Speaker;
            yield return Document(
                stems, key++, AskDocumentKind.Quote, q.Id, q.Date, $"{speaker} {q.Text}", $"{q.Context}{Es(q.ContextEs)} {DateWords(q.Date)}",
                $"{NamesOf([q.Speaker])} {TopicsOf(q.Topics)}", [q.Speaker], q.Text);
        }

        foreach (var p in facts.People)
        {
            var roles = string.Join(" ", p.Roles.Select(r => r.Title + Es(r.TitleEs)));
            var body = $"{p.Summary}{Es(p.SummaryEs)} {roles} {p.Status?.Text}{Es(p.Status?.TextEs)} {p.Country}";
            var built = Document(stems, key++, AskDocumentKind.Person, p.Id, null, $"{p.Name} {roles}", body, string.Join(" ", FactBase.NamesOf(p)), [p.Id], p.Summary + Es(p.SummaryEs), AsksOf(p.Asks, p.AsksEs));
            yield return built with
            {
                Document = built.Document with { IsOrganization = p.Kind == PersonKind.Organization, Person = p },
            };
        }

        foreach (var position in facts.Positions)
        {
            var speakers = position.Stances.Where(s => s.Speaker is not null).Select(s => s.Speaker!).ToList();
            var body = string.Join(" ", position.Stances.Select(s => $"{s.Party}{Es(s.PartyEs)} {s.Statement}{Es(s.StatementEs)}"));
            yield return Document(
                stems, key++, AskDocumentKind.Position, position.Id, null, $"{position.Title} {position.Question}{Es(position.TitleEs)}{Es(position.QuestionEs)}", body,
                $"{NamesOf(speakers)} {TopicsOf([position.Topic])}", speakers, body, AsksOf(position.Asks, position.AsksEs));
        }
    }

    private static Built Document(
        StemMemo stems, int key, AskDocumentKind kind, string id, PartialDate? date, string title, string body, string names, IReadOnlyList<string> people, string ownText, string asks = "")
    {
        var titleStems = stems.Of(title);
        var bodyStems = stems.Of(body);
        var nameStems = stems.Of(names);
        var askStems = stems.Of(asks);
        var document = new AskDocument(key, kind, id, date, people)
        {
            Stems = [.. titleStems, .. bodyStems, .. nameStems, .. askStems],
            TitleStems = [.. titleStems],
            Counted = Counted(ownText, stems),
        };
        return new Built(document, titleStems, bodyStems, nameStems, askStems);
    }

    /// <summary>
    /// What the numbers in a text count ("64 votes", "34 years", "39-year-old", "a vote of 75"): the two words after and
    /// before each number that is not a day of a month or a year.
    /// </summary>
    private static HashSet<string> Counted(string text, StemMemo stems)
    {
        var tokens = TextFolding.Tokens(text);
        var counted = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!tokens[i].All(char.IsAsciiDigit) || (tokens[i].Length == 4 && tokens[i][0] is '1' or '2'))
            {
                continue;
            }

            var nearMonth = (i > 0 && QuestionAnalysis.IsMonth(tokens[i - 1])) || (i + 1 < tokens.Length && (QuestionAnalysis.IsMonth(tokens[i + 1]) || (tokens[i + 1] == "de" && i + 2 < tokens.Length && QuestionAnalysis.IsMonth(tokens[i + 2]))));
            if (!nearMonth)
            {
                // "64 votes", "18 months", and also "a censure vote of 75 in favour": the words just before count too.
                counted.Add("");
                foreach (var near in tokens.Skip(i + 1).Take(2).Concat(tokens.Skip(Math.Max(0, i - 2)).Take(Math.Min(i, 2))))
                {
                    counted.Add(stems.Stem(near));
                }
            }
        }

        return counted;
    }


    /// <summary>The date in words, English and Spanish, so "November 2025" or "noviembre" find the fact.</summary>
    private static string DateWords(PartialDate date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.ToDisplayString("en")} {date.ToDisplayString("es")}");

    /// <summary>
    /// Folds, splits and stems text while one index is built, stemming each distinct word once: across thousands of
    /// facts the same few thousand words come back again and again.
    /// </summary>
    private sealed class StemMemo
    {
        private readonly Dictionary<string, string> _stems = new(StringComparer.Ordinal);

        /// <summary>Every folded word seen so far.</summary>
        public IEnumerable<string> Words => _stems.Keys;

        /// <summary>The stems of a text's folded words, in order.</summary>
        public string[] Of(string text)
        {
            var words = Vocabulary.Rewrite(TextFolding.Tokens(text)); // "United States" as one word, as in questions
            for (var i = 0; i < words.Length; i++)
            {
                words[i] = Stem(words[i]);
            }

            return words;
        }

        /// <summary>The stem of one folded word.</summary>
        public string Stem(string word)
        {
            ref var stem = ref CollectionsMarshal.GetValueRefOrAddDefault(_stems, word, out var known);
            if (!known)
            {
                stem = AskDocument.Stem(word);
            }

            return stem!;
        }
    }


    /// <summary>One fact's document and the stems of its title, body and names, in order.</summary>
    private readonly record struct Built(AskDocument Document, string[] Title, string[] Body, string[] Names, string[] Asks);

    /// <summary>A fact that uses a stem, and how often, each use weighted by the part of the fact it is in.</summary>
    private readonly record struct Posting(int Key, double Frequency);
}

/// <summary>The host's way to build a snapshot's /ask index before the snapshot serves.</summary>
public static class AskSearch
{
    /// <summary>
    /// Builds the /ask indexes of <paramref name="facts"/> (English, and English with Spanish) now, side by side, so the
    /// first question does not wait for them.
    /// </summary>
    public static void Prepare(FactBase facts) =>
        Parallel.Invoke(() => AskIndex.For(facts, "en"), () => AskIndex.For(facts, "es"));
}
