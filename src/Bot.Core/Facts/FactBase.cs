using System.Diagnostics.CodeAnalysis;
using Bot.Core.Text;

namespace Bot.Core.Facts;

/// <summary>
/// One immutable, validated snapshot of the fact base with its lookup indexes built once. Answers read a single
/// snapshot from start to end, so a reload never mixes old and new facts in one answer.
/// </summary>
public sealed class FactBase
{
    private readonly Dictionary<string, Source> _sources;
    private readonly Dictionary<string, Topic> _topics;
    private readonly Dictionary<string, Person> _people;
    private readonly Dictionary<string, TimelineEvent> _events;
    private readonly Dictionary<string, Quote> _quotes;
    private readonly Dictionary<string, Position> _positions;
    private readonly Dictionary<string, (string Text, string Context, string Topics)> _quoteSearchText;
    private readonly Dictionary<string, string> _headlines;
    private readonly Dictionary<string, Quote[]> _quotesBySpeaker;
    private readonly Dictionary<string, TimelineEvent[]> _eventsByPerson;
    private readonly Dictionary<string, TimelineEvent[]> _eventsByTopic;

    public FactBase(
        IEnumerable<Source> sources,
        IEnumerable<Topic> topics,
        IEnumerable<Person> people,
        IEnumerable<TimelineEvent> events,
        IEnumerable<Quote> quotes,
        IEnumerable<Position> positions,
        string version,
        DateTimeOffset loadedAt)
    {
        Version = version;
        LoadedAt = loadedAt;
        Sources = [.. sources.OrderBy(s => s.Outlet, StringComparer.OrdinalIgnoreCase).ThenByDescending(s => s.Published).ThenBy(s => s.Id, StringComparer.Ordinal)];
        _sources = Sources.ToDictionary(s => s.Id, StringComparer.Ordinal);
        Topics = [.. topics];
        _topics = Topics.ToDictionary(t => t.Id, StringComparer.Ordinal);

        // A date known only to the month or year sorts after the days it covers ("December 2022" after 7 December 2022).
        Events = [.. events.OrderBy(e => e.Date.End).ThenBy(e => e.Date.Precision).ThenBy(e => e.Id, StringComparer.Ordinal)];
        _events = Events.ToDictionary(e => e.Id, StringComparer.Ordinal);
        _eventsByPerson = Group(Events, e => e.People);
        _eventsByTopic = Group(Events, e => e.Topics);

        Quotes = [.. quotes.OrderBy(q => q.Date.End).ThenBy(q => q.Date.Precision).ThenBy(q => q.Id, StringComparer.Ordinal)];
        _quotes = Quotes.ToDictionary(q => q.Id, StringComparer.Ordinal);
        _quotesBySpeaker = Group(Enumerable.Reverse(Quotes), q => [q.Speaker]); // newest first: members asking what someone said want the latest

        Positions = [.. positions.OrderBy(p => p.Id, StringComparer.Ordinal)];
        _positions = Positions.ToDictionary(p => p.Id, StringComparer.Ordinal);

        // People who appear in more events rank first among equally good name matches and suggestions.
        People = [.. people.OrderByDescending(p => EventsFor(p.Id).Count).ThenBy(p => p.Name, StringComparer.Ordinal)];
        _people = People.ToDictionary(p => p.Id, StringComparer.Ordinal);
        PeopleIndex = new NameIndex<Person>(People.Select(p => (p, NamesOf(p))));
        TopicIndex = new NameIndex<Topic>(Topics.Select(t => (t, (IEnumerable<string>)[t.Id, t.Name, .. t.Aliases])));

        DateOnly? latestReview = null;
        foreach (var reviewed in (IEnumerable<DateOnly?>[])[People.Select(p => p.Reviewed), Events.Select(e => e.Reviewed), Quotes.Select(q => q.Reviewed), Positions.Select(p => p.Reviewed)])
        {
            foreach (var date in reviewed)
            {
                if (date is { } d && (latestReview is null || d > latestReview))
                {
                    latestReview = d;
                }
            }
        }

        AsOf = latestReview ?? (Events.Count > 0 ? Events[^1].Date.End : null);
        LatestEventDate = Events.Count > 0 ? Events.Max(e => e.Date.End) : null;

        // Folded quote text (for keyword matching) and event headlines (for lists), made once per snapshot.
        _quoteSearchText = Quotes.ToDictionary(
            q => q.Id,
            q => (TextFolding.Fold(q.Text), TextFolding.Fold(q.Context), TextFolding.Fold(string.Join(' ', q.Topics.Select(TopicWords)))),
            StringComparer.Ordinal);
        _headlines = Events.ToDictionary(e => e.Id, e => $"{e.Title}: {TextSnippets.FirstSentence(e.Summary)}", StringComparer.Ordinal);
    }

    public static FactBase Empty { get; } = new([], [], [], [], [], [], "empty", DateTimeOffset.UnixEpoch);

    public IReadOnlyList<Source> Sources { get; }

    public IReadOnlyList<Topic> Topics { get; }

    /// <summary>People and organizations, most involved first.</summary>
    public IReadOnlyList<Person> People { get; }

    /// <summary>Events in chronological order.</summary>
    public IReadOnlyList<TimelineEvent> Events { get; }

    /// <summary>Quotes in chronological order.</summary>
    public IReadOnlyList<Quote> Quotes { get; }

    /// <summary>Disputed questions with each side's stated position, by id.</summary>
    public IReadOnlyList<Position> Positions { get; }

    public NameIndex<Person> PeopleIndex { get; }

    public NameIndex<Topic> TopicIndex { get; }

    /// <summary>A short hash of every fact file's content: equal versions mean identical facts.</summary>
    public string Version { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>The latest review date of any fact (or the latest event when nothing is marked reviewed).</summary>
    public DateOnly? AsOf { get; }

    public DateOnly? LatestEventDate { get; }

    /// <summary>The words /ask reads questions with (<c>vocabulary.yaml</c>); none when the folder has no such file.</summary>
    public Vocabulary Vocabulary { get; init; } = Vocabulary.Empty;

    private static Dictionary<string, T[]> Group<T>(IEnumerable<T> facts, Func<T, IEnumerable<string>> keys)
    {
        var groups = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            foreach (var key in keys(fact))
            {
                if (!groups.TryGetValue(key, out var list))
                {
                    groups[key] = list = [];
                }

                list.Add(fact);
            }
        }

        return groups.ToDictionary(g => g.Key, g => g.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>An event's one-line form for lists, "Title: first sentence of the summary", made once per snapshot.</summary>
    internal string HeadlineOf(TimelineEvent timelineEvent) => _headlines[timelineEvent.Id];

    /// <summary>A quote's text, context and topic names, folded once for keyword matching.</summary>
    internal (string Text, string Context, string Topics) SearchTextOf(Quote quote) => _quoteSearchText[quote.Id];

    public bool TryGetSource(string id, [NotNullWhen(true)] out Source? source) => _sources.TryGetValue(id, out source);

    public bool TryGetPerson(string id, [NotNullWhen(true)] out Person? person) => _people.TryGetValue(id, out person);

    public bool TryGetTopic(string id, [NotNullWhen(true)] out Topic? topic) => _topics.TryGetValue(id, out topic);

    public bool TryGetEvent(string id, [NotNullWhen(true)] out TimelineEvent? timelineEvent) => _events.TryGetValue(id, out timelineEvent);

    public bool TryGetQuote(string id, [NotNullWhen(true)] out Quote? quote) => _quotes.TryGetValue(id, out quote);

    public bool TryGetPosition(string id, [NotNullWhen(true)] out Position? position) => _positions.TryGetValue(id, out position);

    /// <summary>The speaker's quotes, newest first.</summary>
    public IReadOnlyList<Quote> QuotesBy(string personId) => _quotesBySpeaker.TryGetValue(personId, out var quotes) ? quotes : [];

    /// <summary>The events a person takes part in, in chronological order.</summary>
    public IReadOnlyList<TimelineEvent> EventsFor(string personId) => _eventsByPerson.TryGetValue(personId, out var events) ? events : [];

    private string TopicWords(string id) => _topics.TryGetValue(id, out var t) ? $"{t.Id} {t.Name} {string.Join(' ', t.Aliases)}" : id;

    /// <summary>The events on a topic, in chronological order.</summary>
    public IReadOnlyList<TimelineEvent> EventsOn(string topicId) => _eventsByTopic.TryGetValue(topicId, out var events) ? events : [];

    /// <summary>Every name a person answers to: id, name, full name, aliases, and the surname forms.</summary>
    public static IEnumerable<string> NamesOf(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        yield return person.Id;
        yield return person.Name;
        if (person.FullName is not null)
        {
            yield return person.FullName;
        }

        foreach (var alias in person.Aliases)
        {
            yield return alias;
        }

        if (person.Kind == PersonKind.Person)
        {
            var words = TextFolding.Tokens(person.Name);
            if (words.Length >= 2)
            {
                yield return words[^1];
                if (words.Length >= 3)
                {
                    yield return $"{words[^2]} {words[^1]}";
                }
            }
        }
    }
}
