using System.Collections.Concurrent;
using System.Globalization;
using Bot.Core.Facts;
using Bot.Core.Text;
using Microsoft.Data.Sqlite;

namespace Bot.Core.Asking;

/// <summary>
/// A full-text index over every fact of one snapshot (events, quotes, people, positions): SQLite FTS5 in memory,
/// BM25 ranking, Porter stemming over <c>unicode61</c> with diacritics removed. Built once per snapshot; searches are
/// thread-safe (each uses a pooled connection to the same in-memory database).
/// </summary>
internal sealed class AskIndex : IDisposable
{
    private const int CandidateLimit = 80;

    private readonly string _connectionString;
    private readonly SqliteConnection _anchor; // keeps the shared in-memory database alive
    private readonly ConcurrentBag<SqliteConnection> _pool = [];
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AskDocument[]> _byPerson;

    public AskIndex(FactBase facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Documents = [.. BuildDocuments(facts)];
        foreach (var word in Documents.SelectMany(d => d.Stems))
        {
            _documentFrequency[word] = _documentFrequency.GetValueOrDefault(word) + 1;
        }

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
            create.CommandText = "CREATE VIRTUAL TABLE docs USING fts5(title, body, names, tokenize = 'porter unicode61 remove_diacritics 2');";
            create.ExecuteNonQuery();
        }

        using var transaction = _anchor.BeginTransaction();
        using var insert = _anchor.CreateCommand();
        insert.CommandText = "INSERT INTO docs(rowid, title, body, names) VALUES ($key, $title, $body, $names);";
        var key = insert.Parameters.Add("$key", SqliteType.Integer);
        var title = insert.Parameters.Add("$title", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        var names = insert.Parameters.Add("$names", SqliteType.Text);
        foreach (var document in Documents)
        {
            key.Value = document.Key;
            title.Value = document.Title;
            body.Value = document.Body;
            names.Value = document.Names;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public IReadOnlyList<AskDocument> Documents { get; }

    public int Count => Documents.Count;

    /// <summary>The facts about, by or quoting a person.</summary>
    public IReadOnlyList<AskDocument> DocumentsAbout(string personId) => _byPerson.TryGetValue(personId, out var documents) ? documents : [];

    /// <summary>True when some fact uses the word (or a synonym).</summary>
    public bool IsKnownWord(string word) => Vocabulary.Expand(word).Any(w => _documentFrequency.ContainsKey(AskDocument.Stem(w)));

    /// <summary>
    /// Words in more than a third of all facts ("mexico", "peru") barely rank anything and would make the full-text
    /// search visit most of the base; they still count toward how much of a question a fact covers.
    /// </summary>
    public bool IsCommonWord(string word) => Vocabulary.Expand(word).All(w => _documentFrequency.GetValueOrDefault(AskDocument.Stem(w)) * 3 > Count);

    /// <summary>
    /// How much a question word matters: rare words (and their synonyms) count more than common ones. A word no fact
    /// uses at all counts three quarters of the rarest: it may be a paraphrase, but it may also be a subject the base
    /// lacks ("Trump", "Bolivia"), and then the question must come out as "not sure".
    /// </summary>
    public double Weight(string word)
    {
        var frequency = Vocabulary.Expand(word).Max(w => _documentFrequency.GetValueOrDefault(AskDocument.Stem(w)));
        var rarest = Math.Log((Count + 1.0) / 1.5);
        return frequency == 0 ? rarest * 0.75 : Math.Log((Count + 1.0) / (frequency + 0.5));
    }

    /// <summary>The best matches for an FTS5 query with their BM25 score (higher is better).</summary>
    public IReadOnlyList<(AskDocument Document, double Score)> Search(string matchExpression)
    {
        if (string.IsNullOrWhiteSpace(matchExpression))
        {
            return [];
        }

        if (!_pool.TryTake(out var connection))
        {
            connection = new SqliteConnection(_connectionString);
            connection.Open();
        }

        try
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

    private static IEnumerable<AskDocument> BuildDocuments(FactBase facts)
    {
        var key = 0;
        string NamesOf(IEnumerable<string> personIds) => string.Join(" ", personIds.Select(id => facts.TryGetPerson(id, out var p) ? string.Join(" ", FactBase.NamesOf(p)) : id));
        string TopicsOf(IEnumerable<string> topicIds) => string.Join(" ", topicIds.Select(id => facts.TryGetTopic(id, out var t) ? $"{t.Name} {string.Join(' ', t.Aliases)}" : id));

        foreach (var e in facts.Events)
        {
            var title = e.Title;
            var body = $"{e.Summary} {string.Join(' ', e.Variants.Select(v => v.Claim))} {DateWords(e.Date)}";
            var names = $"{NamesOf(e.People)} {TopicsOf(e.Topics)}";
            yield return Document(key++, AskDocumentKind.Event, e.Id, e.Date, title, body, names, e.People);
        }

        foreach (var q in facts.Quotes)
        {
            var speaker = facts.TryGetPerson(q.Speaker, out var p) ? p.Name : q.Speaker;
            yield return Document(key++, AskDocumentKind.Quote, q.Id, q.Date, $"{speaker} {q.Text}", $"{q.Context} {DateWords(q.Date)}", $"{NamesOf([q.Speaker])} {TopicsOf(q.Topics)}", [q.Speaker]);
        }

        foreach (var p in facts.People)
        {
            var roles = string.Join(" ", p.Roles.Select(r => r.Title));
            var body = $"{p.Summary} {roles} {p.Status?.Text} {p.Country}";
            yield return Document(key++, AskDocumentKind.Person, p.Id, null, $"{p.Name} {roles}", body, string.Join(" ", FactBase.NamesOf(p)), [p.Id]) with
            {
                IsOrganization = p.Kind == PersonKind.Organization,
                Person = p,
            };
        }

        foreach (var position in facts.Positions)
        {
            var speakers = position.Stances.Where(s => s.Speaker is not null).Select(s => s.Speaker!).ToList();
            var body = string.Join(" ", position.Stances.Select(s => $"{s.Party} {s.Statement}"));
            yield return Document(key++, AskDocumentKind.Position, position.Id, null, $"{position.Title} {position.Question}", body, $"{NamesOf(speakers)} {TopicsOf([position.Topic])}", speakers);
        }
    }

    private static AskDocument Document(int key, AskDocumentKind kind, string id, PartialDate? date, string title, string body, string names, IReadOnlyList<string> people) =>
        new(key, kind, id, date, title, body, names, people)
        {
            Stems = [.. TextFolding.Tokens($"{title} {body} {names}").Select(AskDocument.Stem)],
        };

    /// <summary>The date in words, English and Spanish, so "November 2025" or "noviembre" find the fact.</summary>
    private static string DateWords(PartialDate date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.ToDisplayString("en")} {date.ToDisplayString("es")}");
}
