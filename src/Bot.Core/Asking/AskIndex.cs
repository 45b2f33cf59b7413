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

    private static readonly ConditionalWeakTable<FactBase, Lazy<(AskIndex English, AskIndex Spanish)>> Indexes = [];

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
        : this(facts, Stemmed(FactTexts(facts), english: true, facts.Vocabulary), spanish ? Stemmed(FactTexts(facts), english: false, facts.Vocabulary) : null)
    {
    }

    /// <summary>The index of the facts' English texts (<paramref name="english"/>), with their Spanish ones when given.</summary>
    private AskIndex(FactBase facts, StemmedTexts english, StemmedTexts? spanish)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Vocabulary = AskVocabulary.For(facts.Vocabulary);
        var built = BuildDocuments(english, spanish);
        Documents = [.. built.Select(b => b.Document)];

        // Each stem's postings go straight into an array of its final size (how many facts use it), filled from the
        // end, without lists growing and being copied: at a hundred times the real base that was a fifth of the index's
        // allocations. The order of a stem's postings does not matter to the scores.
        var left = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var b in built)
        {
            foreach (var stem in b.Document.Stems)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(left, stem, out _)++;
            }
        }

        foreach (var (stem, count) in left)
        {
            _postings[stem] = new Posting[count];
        }

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
                _postings[stem][--CollectionsMarshal.GetValueRefOrNullRef(left, stem)] = new Posting(document.Key, frequency);
            }

            totalLength += title.Length + body.Length + names.Length + asks.Length;
        }

        var averageLength = Documents.Count == 0 ? 1 : Math.Max(1, (double)totalLength / Documents.Count);
        _lengthNorm = [.. built.Select(b => K1 * (1 - B + (B * (b.Title.Length + b.Body.Length + b.Names.Length + b.Asks.Length) / averageLength)))];
        var words = spanish is null ? english.Words : english.Words.Concat(spanish.Words);
        Spelling = new Spelling(words.Concat(Vocabulary.Words), w => Vocabulary.Expand(AskDocument.Stem(w)).Max(DocumentFrequency));
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
    public static AskIndex For(FactBase facts, string language = "en")
    {
        var (english, spanish) = Indexes.GetValue(facts, f => new Lazy<(AskIndex, AskIndex)>(() => Both(f), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        return language == "es" ? spanish : english;
    }

    /// <summary>
    /// Both indexes of a snapshot: the English texts are read and stemmed once, for both, while the Spanish texts are
    /// (side by side); then the two indexes are built side by side.
    /// </summary>
    private static (AskIndex English, AskIndex Spanish) Both(FactBase facts)
    {
        var texts = FactTexts(facts);
        StemmedTexts? english = null, spanish = null;
        Parallel.Invoke(() => english = Stemmed(texts, english: true, facts.Vocabulary), () => spanish = Stemmed(texts, english: false, facts.Vocabulary));
        AskIndex? englishIndex = null, spanishIndex = null;
        Parallel.Invoke(() => englishIndex = new AskIndex(facts, english!, null), () => spanishIndex = new AskIndex(facts, english!, spanish));
        return (englishIndex!, spanishIndex!);
    }

    public IReadOnlyList<AskDocument> Documents { get; }

    /// <summary>The snapshot's vocabulary, as the index and the questions searching it read words.</summary>
    public AskVocabulary Vocabulary { get; }

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

        // The best scores first, the earlier fact first among equal ones (keys are unique).
        var best = scores.ToArray();
        Array.Sort(best, static (a, b) => b.Value != a.Value ? b.Value.CompareTo(a.Value) : a.Key.CompareTo(b.Key));
        return [.. best.Take(CandidateLimit).Select(s => (Documents[s.Key], s.Value))];
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

    /// <summary>
    /// One fact's text as the indexes read it, in parts: its title (an event's headline, a quote's speaker and words, a
    /// person's name and roles), body, the names of the people and topics it is about, its own words (where the numbers
    /// it gives are read) and its example questions; the Spanish texts apart, for the Spanish index only. Each part is
    /// the list of texts it is made of, read one after the other as if joined by spaces, never joined.
    /// </summary>
    private sealed record FactText(AskDocumentKind Kind, string Id, PartialDate? Date, IReadOnlyList<string> People, Person? Person, Parts English, Parts Spanish);

    private readonly record struct Parts(string?[] Title, string?[] Body, string?[] Names, string?[] Own, string?[] Asks);

    /// <summary>The parts of every fact, in the order the documents are keyed: events, quotes, people, positions.</summary>
    private static List<FactText> FactTexts(FactBase facts)
    {
        IEnumerable<string> NamesOf(IEnumerable<string> personIds) => personIds.SelectMany<string, string>(id => facts.TryGetPerson(id, out var p) ? FactBase.NamesOf(p) : [id]);
        IEnumerable<string> TopicsOf(IEnumerable<string> topicIds) => topicIds.SelectMany<string, string>(id => facts.TryGetTopic(id, out var t) ? [t.Name, .. t.Aliases] : [id]);
        IEnumerable<string?> TopicsEsOf(IEnumerable<string> topicIds) => topicIds.Select(id => facts.TryGetTopic(id, out var t) ? t.NameEs : null);

        var texts = new List<FactText>(facts.Events.Count + facts.Quotes.Count + facts.People.Count + facts.Positions.Count);
        foreach (var e in facts.Events)
        {
            var claims = e.Variants.Select(v => v.Claim);
            var claimsEs = e.Variants.Select(v => v.ClaimEs);
            texts.Add(new FactText(
                AskDocumentKind.Event, e.Id, e.Date, e.People, null,
                new Parts([e.Title], [e.Summary, .. claims, .. DateWords(e.Date)], [.. NamesOf(e.People), .. TopicsOf(e.Topics)], [e.Title, e.Summary, .. claims], [.. e.Asks]),
                new Parts([e.TitleEs], [e.SummaryEs, .. claimsEs], [.. TopicsEsOf(e.Topics)], [e.TitleEs, e.SummaryEs, .. claimsEs], [.. e.AsksEs])));
        }

        foreach (var q in facts.Quotes)
        {
            var speaker = facts.TryGetPerson(q.Speaker, out var p) ? p.Name : q.Speaker;
            texts.Add(new FactText(
                AskDocumentKind.Quote, q.Id, q.Date, [q.Speaker], null,
                new Parts([speaker, q.Text], [q.Context, .. DateWords(q.Date)], [.. NamesOf([q.Speaker]), .. TopicsOf(q.Topics)], [q.Text], [.. q.Asks]),
                new Parts([], [q.ContextEs], [.. TopicsEsOf(q.Topics)], [], [.. q.AsksEs])));
        }

        foreach (var p in facts.People)
        {
            string[] roles = [.. p.Roles.Select(r => r.Title)];
            string?[] rolesEs = [.. p.Roles.Select(r => r.TitleEs)];
            texts.Add(new FactText(
                AskDocumentKind.Person, p.Id, null, [p.Id], p,
                new Parts([p.Name, .. roles], [p.Summary, .. roles, p.Status?.Text, p.Country], [.. FactBase.NamesOf(p)], [p.Summary], [.. p.Asks]),
                new Parts(rolesEs, [p.SummaryEs, .. rolesEs, p.Status?.TextEs], [], [p.SummaryEs], [.. p.AsksEs])));
        }

        foreach (var position in facts.Positions)
        {
            var speakers = position.Stances.Where(s => s.Speaker is not null).Select(s => s.Speaker!).ToList();
            string?[] body = [.. position.Stances.SelectMany(s => new[] { s.Party, s.Statement })];
            string?[] bodyEs = [.. position.Stances.SelectMany(s => new[] { s.PartyEs, s.StatementEs })];
            texts.Add(new FactText(
                AskDocumentKind.Position, position.Id, null, speakers, null,
                new Parts([position.Title, position.Question], body, [.. NamesOf(speakers), .. TopicsOf([position.Topic])], body, [.. position.Asks]),
                new Parts([position.TitleEs, position.QuestionEs], bodyEs, [.. TopicsEsOf([position.Topic])], bodyEs, [.. position.AsksEs])));
        }

        return texts;
    }

    /// <summary>The facts' English (or Spanish) parts folded and stemmed, in the facts' order, and every word seen.</summary>
    private sealed record StemmedTexts(IReadOnlyList<FactText> Facts, StemmedParts[] Parts, IEnumerable<string> Words);

    private readonly record struct StemmedParts(string[] Title, string[] Body, string[] Names, string[] Asks, HashSet<string> Counted)
    {
        public int Length => Title.Length + Body.Length + Names.Length + Asks.Length;
    }

    private static StemmedTexts Stemmed(List<FactText> facts, bool english, Vocabulary vocabulary)
    {
        var stems = new StemMemo(AskVocabulary.For(vocabulary));
        var parts = new StemmedParts[facts.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var (title, body, names, own, asks) = english ? facts[i].English : facts[i].Spanish;
            parts[i] = new StemmedParts(stems.Of(title), stems.Of(body), stems.Of(names), stems.Of(asks), Counted(own, stems));
        }

        return new StemmedTexts(facts, parts, stems.Words);
    }

    /// <summary>Each fact's document, with the stems of its English parts, and of its Spanish parts when given.</summary>
    private static Built[] BuildDocuments(StemmedTexts english, StemmedTexts? spanish)
    {
        var built = new Built[english.Parts.Length];
        for (var key = 0; key < built.Length; key++)
        {
            var fact = english.Facts[key];
            var parts = english.Parts[key];
            if (spanish is not null)
            {
                var es = spanish.Parts[key];
                parts = new StemmedParts([.. parts.Title, .. es.Title], [.. parts.Body, .. es.Body], [.. parts.Names, .. es.Names], [.. parts.Asks, .. es.Asks], [.. parts.Counted, .. es.Counted]);
            }

            var document = new AskDocument(key, fact.Kind, fact.Id, fact.Date, fact.People, fact.Person is { Kind: PersonKind.Organization }, fact.Person)
            {
                Stems = [.. parts.Title, .. parts.Body, .. parts.Names, .. parts.Asks],
                TitleStems = [.. parts.Title],
                Counted = parts.Counted,
            };
            built[key] = new Built(document, parts.Title, parts.Body, parts.Names, parts.Asks);
        }

        return built;
    }

    /// <summary>
    /// What the numbers in a text count ("64 votes", "34 years", "39-year-old", "a vote of 75"): the two words after and
    /// before each number that is not a day of a month or a year.
    /// </summary>
    private static HashSet<string> Counted(string?[] texts, StemMemo stems)
    {
        var tokens = stems.Tokens(texts);
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
    private static string[] DateWords(PartialDate date) => [date.ToDisplayString("en"), date.ToDisplayString("es")];

    /// <summary>
    /// Folds, splits and stems text while one index is built, keeping each distinct word and its stem once: across
    /// thousands of facts the same few thousand words come back again and again, so a word already seen costs a
    /// dictionary lookup and no new string.
    /// </summary>
    private sealed class StemMemo
    {
        private readonly AskVocabulary _vocabulary;
        private readonly Dictionary<string, string> _stems = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
        private readonly List<string> _scratch = [];
        private char[] _buffer = new char[1024];

        public StemMemo(AskVocabulary vocabulary)
        {
            _vocabulary = vocabulary;
            _bySpan = _stems.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        /// <summary>Every folded word seen so far.</summary>
        public IEnumerable<string> Words => _stems.Keys;

        /// <summary>The stems of the folded words of texts read one after the other, in order.</summary>
        public string[] Of(string?[] texts)
        {
            var words = _vocabulary.Rewrite(Tokens(texts)); // "United States" as one word, as in questions
            for (var i = 0; i < words.Length; i++)
            {
                words[i] = Stem(words[i]);
            }

            return words;
        }

        /// <summary>
        /// The folded words of texts read one after the other (as <see cref="TextFolding.Tokens"/> splits them), each
        /// distinct word one string.
        /// </summary>
        public string[] Tokens(string?[] texts)
        {
            _scratch.Clear();
            foreach (var text in texts)
            {
                if (string.IsNullOrEmpty(text))
                {
                    continue;
                }

                if (_buffer.Length < text.Length * 2)
                {
                    _buffer = new char[text.Length * 2];
                }

                var folded = _buffer.AsSpan(0, TextFolding.FoldInto(text, _buffer));
                foreach (var range in folded.Split(' '))
                {
                    var word = folded[range];
                    if (word.IsEmpty)
                    {
                        continue;
                    }

                    if (!_bySpan.TryGetValue(word, out var known, out _))
                    {
                        known = word.ToString();
                        _stems[known] = AskDocument.Stem(known);
                    }

                    _scratch.Add(known);
                }
            }

            return [.. _scratch];
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
    /// Builds the /ask indexes of <paramref name="facts"/> (English, and English with Spanish) now, so the first
    /// question does not wait for them.
    /// </summary>
    public static void Prepare(FactBase facts) =>
        AskIndex.For(facts);
}
