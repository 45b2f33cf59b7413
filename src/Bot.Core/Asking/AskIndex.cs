using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using Bot.Core.Facts;
using Bot.Core.Text;
using Microsoft.Data.Sqlite;

namespace Bot.Core.Asking;

/// <summary>
/// A full-text index over every fact of one snapshot (events, quotes, people, positions): SQLite FTS5 in memory
/// (contentless, <c>unicode61</c> with diacritics removed), BM25 ranking with the title and names weighing more than
/// the body. The text is stored already folded and stemmed by <see cref="Stemmer"/> (English and Spanish), so the
/// index, the question and the coverage measure all see the same stems. Built once per snapshot; searches are
/// thread-safe (each uses a pooled connection to the same in-memory database).
/// </summary>
internal sealed class AskIndex : IDisposable
{
    private const int CandidateLimit = 80;

    /// <summary>
    /// How many postings one search may visit. Terms are added rarest first until the next would pass this budget;
    /// the common ones left out still count toward coverage. On the real base no question comes near it; on a base a
    /// hundred times larger it keeps BM25 from being computed for thousands of facts that share one common word.
    /// </summary>
    private const int PostingBudget = 1200;

    private readonly string _connectionString;
    private readonly SqliteConnection _anchor; // keeps the shared in-memory database alive
    private readonly ConcurrentBag<SqliteConnection> _pool = [];
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AskDocument[]> _byPerson;
    private readonly string[] _nameWords;

    // Each document with the fact it was made from and its stemmed text, and where each fact's document is: what the
    // index of the next snapshot reuses for the facts that did not change.
    private readonly Row[] _rows;
    private readonly Dictionary<(AskDocumentKind Kind, string Id), int> _rowOf;

    /// <summary>
    /// Builds the index of <paramref name="facts"/>. With the snapshot it replaces (<paramref name="before"/>, whose
    /// index is built), the documents of facts that are the very same objects, and whose people and topics are too,
    /// are taken from that index instead of being folded and stemmed again: a reload changes a few facts.
    /// </summary>
    public AskIndex(FactBase facts, FactBase? before = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        _rows = [.. BuildDocuments(facts, before, new StemMemo())];
        _rowOf = new Dictionary<(AskDocumentKind, string), int>(_rows.Length);
        for (var i = 0; i < _rows.Length; i++)
        {
            _rowOf[(_rows[i].Document.Kind, _rows[i].Document.FactId)] = i;
        }

        Documents = [.. _rows.Select(r => r.Document)];
        foreach (var word in Documents.SelectMany(d => d.Stems))
        {
            _documentFrequency[word] = _documentFrequency.GetValueOrDefault(word) + 1;
        }

        _nameWords = [.. facts.People.SelectMany(FactBase.NamesOf).SelectMany(TextFolding.Tokens).Where(t => t.Length >= 4).Distinct(StringComparer.Ordinal)];
        _byPerson = Documents.SelectMany(d => d.People.Select(p => (Person: p, Document: d)))
            .GroupBy(x => x.Person, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Document).ToArray(), StringComparer.Ordinal);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"file:ask-{Guid.NewGuid():N}?mode=memory&cache=shared",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ToString();
        _anchor = new SqliteConnection(_connectionString);
        _anchor.Open();
        using (var create = _anchor.CreateCommand())
        {
            create.CommandText = "CREATE VIRTUAL TABLE docs USING fts5(title, body, names, content = '', tokenize = 'unicode61 remove_diacritics 2');";
            create.ExecuteNonQuery();
        }

        using var transaction = _anchor.BeginTransaction();
        using var insert = _anchor.CreateCommand();
        insert.CommandText = "INSERT INTO docs(rowid, title, body, names) VALUES ($key, $title, $body, $names);";
        var key = insert.Parameters.Add("$key", SqliteType.Integer);
        var title = insert.Parameters.Add("$title", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        var names = insert.Parameters.Add("$names", SqliteType.Text);
        foreach (var row in _rows)
        {
            key.Value = row.Document.Key;
            title.Value = row.Title;
            body.Value = row.Body;
            names.Value = row.Names;
            insert.ExecuteNonQuery();
        }

        using (var optimize = _anchor.CreateCommand())
        {
            optimize.CommandText = "INSERT INTO docs(docs) VALUES('optimize');";
            optimize.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public IReadOnlyList<AskDocument> Documents { get; }

    public int Count => Documents.Count;

    /// <summary>The facts about, by or quoting a person.</summary>
    public IReadOnlyList<AskDocument> DocumentsAbout(string personId) => _byPerson.TryGetValue(personId, out var documents) ? documents : [];

    /// <summary>How many facts use the stem.</summary>
    public int DocumentFrequency(string stem) => _documentFrequency.GetValueOrDefault(stem);

    /// <summary>True when some fact uses the stem or a synonym.</summary>
    public bool IsKnownStem(string stem) => Vocabulary.Expand(stem).Any(_documentFrequency.ContainsKey);

    /// <summary>True when some fact uses the (folded) word or a synonym.</summary>
    public bool IsKnownWord(string word) => Vocabulary.Expand(AskDocument.Stem(word)).Any(_documentFrequency.ContainsKey);

    /// <summary>
    /// Stems in more than a third of all facts ("mexico", "peru") barely rank anything and would make the full-text
    /// search visit most of the base; they still count toward how much of a question a fact covers.
    /// </summary>
    public bool IsCommonStem(string stem) => _documentFrequency.GetValueOrDefault(stem) * 3 > Count;

    /// <summary>
    /// How much a question word (by its stem) matters: its inverse document frequency, counting its synonyms, so rare
    /// words count more than common ones. A word no fact uses at all gets the same formula with no fact (more than the
    /// rarest word the base has): a question that hinges on it ("Trump", "born", "cost") asks what the base does not
    /// know, and must come out as "not sure" however well the rest of it matches. Paraphrases of words the base does
    /// use are <see cref="Vocabulary"/>'s job, not this weight's.
    /// </summary>
    public double Weight(string stem) => Idf(Vocabulary.Expand(stem).Max(_documentFrequency.GetValueOrDefault));

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
        var terms = new List<string>();
        var postings = 0;
        foreach (var (stem, frequency) in stems.Distinct(StringComparer.Ordinal)
            .Select(s => (Stem: s, Frequency: _documentFrequency.GetValueOrDefault(s)))
            .Where(s => s.Frequency > 0 && !IsCommonStem(s.Stem))
            .OrderBy(s => s.Frequency)
            .ThenBy(s => s.Stem, StringComparer.Ordinal))
        {
            if (terms.Count > 0 && postings + frequency > PostingBudget)
            {
                break;
            }

            terms.Add(stem);
            postings += frequency;
        }

        return Search(string.Join(" OR ", terms.Select(t => $"\"{t}\"")));
    }

    /// <summary>
    /// True when some fact uses a form of both words (any stem of each list). Words in a third of the facts or more
    /// ("mexico", "peru") go with nearly everything and are taken to.
    /// </summary>
    public bool UsedTogether(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        var a = first.Where(s => _documentFrequency.ContainsKey(s)).ToList();
        var b = second.Where(s => _documentFrequency.ContainsKey(s)).ToList();
        if (a.Count == 0 || b.Count == 0)
        {
            return false;
        }

        if (a.Any(IsCommonStem) || b.Any(IsCommonStem) || a.Intersect(b, StringComparer.Ordinal).Any())
        {
            return true;
        }

        var query = $"({string.Join(" OR ", a.Select(t => $"\"{t}\""))}) AND ({string.Join(" OR ", b.Select(t => $"\"{t}\""))})";
        return WithConnection(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1 FROM docs WHERE docs MATCH $query LIMIT 1;";
            command.Parameters.AddWithValue("$query", query);
            return command.ExecuteScalar() is not null;
        });
    }

    /// <summary>The best matches for an FTS5 query with their BM25 score (higher is better).</summary>
    private List<(AskDocument Document, double Score)> Search(string matchExpression)
    {
        if (string.IsNullOrWhiteSpace(matchExpression))
        {
            return [];
        }

        return WithConnection(connection =>
        {
            using var command = connection.CreateCommand();
            // Title and names weigh more than the body: a question naming an event's subject should find that event.
            command.CommandText = "SELECT rowid, bm25(docs, 4.0, 1.0, 2.0) FROM docs WHERE docs MATCH $query ORDER BY bm25(docs, 4.0, 1.0, 2.0) LIMIT $limit;";
            command.Parameters.AddWithValue("$query", matchExpression);
            command.Parameters.AddWithValue("$limit", CandidateLimit);
            var results = new List<(AskDocument, double)>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                results.Add((Documents[reader.GetInt32(0)], -reader.GetDouble(1)));
            }

            return results;
        });
    }

    /// <summary>Runs a query on a pooled connection to the shared in-memory database.</summary>
    private T WithConnection<T>(Func<SqliteConnection, T> query)
    {
        if (!_pool.TryTake(out var connection))
        {
            connection = new SqliteConnection(_connectionString);
            connection.Open();
        }

        try
        {
            return query(connection);
        }
        finally
        {
            _pool.Add(connection);
        }
    }

    public void Dispose()
    {
        while (_pool.TryTake(out var connection))
        {
            connection.Dispose();
        }

        _anchor.Dispose();
    }

    /// <summary>
    /// Each fact's document, with its title, body and names folded and stemmed as the FTS5 table stores them; taken
    /// from <paramref name="before"/>'s index where the fact and everything its document reads are unchanged.
    /// </summary>
    private static IEnumerable<Row> BuildDocuments(FactBase facts, FactBase? before, StemMemo stems)
    {
        var key = 0;
        var earlier = before is { IsSearchReady: true } ? before.AskIndex : null;
        string NamesOf(IEnumerable<string> personIds) => string.Join(" ", personIds.Select(id => facts.TryGetPerson(id, out var p) ? string.Join(" ", FactBase.NamesOf(p)) : id));
        string TopicsOf(IEnumerable<string> topicIds) => string.Join(" ", topicIds.Select(id => facts.TryGetTopic(id, out var t) ? $"{t.Name} {string.Join(' ', t.Aliases)}" : id));

        // A document reads its fact, the people it names and the topics it is on, nothing else.
        Row? Unchanged(AskDocumentKind kind, string id, object fact, IEnumerable<string> people, IEnumerable<string> topics)
        {
            if (earlier is null || !earlier._rowOf.TryGetValue((kind, id), out var at) || !ReferenceEquals(earlier._rows[at].Fact, fact))
            {
                return null;
            }

            foreach (var person in people)
            {
                facts.TryGetPerson(person, out var now);
                before!.TryGetPerson(person, out var then);
                if (!ReferenceEquals(now, then))
                {
                    return null;
                }
            }

            foreach (var topic in topics)
            {
                facts.TryGetTopic(topic, out var now);
                before!.TryGetTopic(topic, out var then);
                if (!ReferenceEquals(now, then))
                {
                    return null;
                }
            }

            var row = earlier._rows[at];
            return row with { Document = row.Document with { Key = key } };
        }

        foreach (var e in facts.Events)
        {
            yield return Unchanged(AskDocumentKind.Event, e.Id, e, e.People, e.Topics) ?? Document(
                stems, e, key, AskDocumentKind.Event, e.Id, e.Date, e.Title,
                $"{e.Summary} {string.Join(' ', e.Variants.Select(v => v.Claim))} {DateWords(e.Date)}",
                $"{NamesOf(e.People)} {TopicsOf(e.Topics)}",
                e.People,
                $"{e.Title} {e.Summary}");
            key++;
        }

        foreach (var q in facts.Quotes)
        {
            var speaker = facts.TryGetPerson(q.Speaker, out var p) ? p.Name : q.Speaker;
            yield return Unchanged(AskDocumentKind.Quote, q.Id, q, [q.Speaker], q.Topics) ?? Document(
                stems, q, key, AskDocumentKind.Quote, q.Id, q.Date, $"{speaker} {q.Text}", $"{q.Context} {DateWords(q.Date)}",
                $"{NamesOf([q.Speaker])} {TopicsOf(q.Topics)}", [q.Speaker], q.Text);
            key++;
        }

        foreach (var p in facts.People)
        {
            if (Unchanged(AskDocumentKind.Person, p.Id, p, [], []) is { } unchanged)
            {
                yield return unchanged;
                key++;
                continue;
            }

            var roles = string.Join(" ", p.Roles.Select(r => r.Title));
            var body = $"{p.Summary} {roles} {p.Status?.Text} {p.Country}";
            var row = Document(stems, p, key++, AskDocumentKind.Person, p.Id, null, $"{p.Name} {roles}", body, string.Join(" ", FactBase.NamesOf(p)), [p.Id], p.Summary);
            yield return row with
            {
                Document = row.Document with { IsOrganization = p.Kind == PersonKind.Organization, Person = p },
            };
        }

        foreach (var position in facts.Positions)
        {
            var speakers = position.Stances.Where(s => s.Speaker is not null).Select(s => s.Speaker!).ToList();
            var body = string.Join(" ", position.Stances.Select(s => $"{s.Party} {s.Statement}"));
            yield return Unchanged(AskDocumentKind.Position, position.Id, position, speakers, [position.Topic]) ?? Document(
                stems, position, key, AskDocumentKind.Position, position.Id, null, $"{position.Title} {position.Question}", body,
                $"{NamesOf(speakers)} {TopicsOf([position.Topic])}", speakers, body);
            key++;
        }
    }

    private static Row Document(
        StemMemo stems, object fact, int key, AskDocumentKind kind, string id, PartialDate? date, string title, string body, string names, IReadOnlyList<string> people, string ownText)
    {
        var titleStems = stems.Of(title);
        var bodyStems = stems.Of(body);
        var nameStems = stems.Of(names);
        var document = new AskDocument(key, kind, id, date, title, body, names, people)
        {
            Stems = [.. titleStems, .. bodyStems, .. nameStems],
            TitleStems = [.. titleStems],
            Counted = Counted(ownText, stems),
        };
        return new Row(fact, document, string.Join(' ', titleStems), string.Join(' ', bodyStems), string.Join(' ', nameStems));
    }

    /// <summary>What the numbers in a text count ("64 votes", "34 years", "39-year-old"): not days of a month, not years.</summary>
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
                counted.Add("");
                foreach (var next in tokens.Skip(i + 1).Take(2))
                {
                    counted.Add(stems.Stem(next));
                }
            }
        }

        return counted;
    }

    /// <summary>
    /// True when a word is close enough to a word of someone's name (two edits at most) for a typo search to be
    /// worth it: "sheinbam" is, "population" is not. Cheap: it compares with the distinct name words only.
    /// </summary>
    public bool MayBeName(string word) => _nameWords.Any(n => Math.Abs(n.Length - word.Length) <= 2 && WithinTwoEdits(word, n));

    private static bool WithinTwoEdits(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > 2)
            {
                return false;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length] <= 2;
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

        /// <summary>The stems of a text's folded words, in order.</summary>
        public string[] Of(string text)
        {
            var words = TextFolding.Tokens(text);
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

    /// <summary>One fact's document, the fact it was made from, and its text as the FTS5 table stores it.</summary>
    private readonly record struct Row(object Fact, AskDocument Document, string Title, string Body, string Names);
}
