using System.Diagnostics.CodeAnalysis;
using Bot.Core.Asking;
using Bot.Core.Querying;
using Bot.Core.Text;

namespace Bot.Core.Facts;

/// <summary>
/// One immutable, validated snapshot of the fact base with its lookup indexes built once. Answers read a single
/// snapshot from start to end, so a reload never mixes old and new facts in one answer.
/// </summary>
public sealed class FactBase : IDisposable
{
    private readonly Dictionary<string, Source> _sources;
    private readonly Dictionary<string, Topic> _topics;
    private readonly Dictionary<string, Person> _people;
    private readonly Dictionary<string, TimelineEvent> _events;
    private readonly Dictionary<string, Quote> _quotes;
    private readonly Dictionary<string, Position> _positions;
    private readonly Lazy<AskIndex> _askIndex;
    private readonly Dictionary<string, (string Text, string Context, string Topics)> _quoteSearchText;
    private readonly Dictionary<string, string> _headlines;
    private readonly Dictionary<string, Quote[]> _quotesBySpeaker;
    private readonly Dictionary<string, TimelineEvent[]> _eventsByPerson;
    private readonly Dictionary<string, TimelineEvent[]> _eventsByTopic;
    private readonly Lock _disposeGate = new();

    // The snapshot this one replaces, until this one's /ask index is built from it (then dropped, so that snapshots
    // never hold on to the ones before them).
    private FactBase? _replaces;

    public FactBase(
        IEnumerable<Source> sources,
        IEnumerable<Topic> topics,
        IEnumerable<Person> people,
        IEnumerable<TimelineEvent> events,
        IEnumerable<Quote> quotes,
        IEnumerable<Position> positions,
        string version,
        DateTimeOffset loadedAt)
        : this(sources, topics, people, events, quotes, positions, version, loadedAt, previous: null)
    {
    }

    /// <summary>
    /// A snapshot that reuses what the previous snapshot of the same folder built (<c>previous</c>): sorted lists,
    /// name indexes and per-fact text are kept for the facts that are the very same objects (a reload keeps the facts
    /// of unchanged files), and made anew for the rest.
    /// </summary>
    internal FactBase(
        IEnumerable<Source> sources,
        IEnumerable<Topic> topics,
        IEnumerable<Person> people,
        IEnumerable<TimelineEvent> events,
        IEnumerable<Quote> quotes,
        IEnumerable<Position> positions,
        string version,
        DateTimeOffset loadedAt,
        Reusable? previous)
    {
        Version = version;
        LoadedAt = loadedAt;
        Source[] sourceInput = [.. sources];
        Topic[] topicInput = [.. topics];
        Person[] peopleInput = [.. people];
        TimelineEvent[] eventInput = [.. events];
        Quote[] quoteInput = [.. quotes];

        if (previous is not null && SameObjects(sourceInput, previous.SourceInput))
        {
            Sources = previous.Built.Sources;
            _sources = previous.Built._sources;
        }
        else
        {
            Sources = [.. sourceInput.OrderBy(s => s.Outlet, StringComparer.OrdinalIgnoreCase).ThenByDescending(s => s.Published).ThenBy(s => s.Id, StringComparer.Ordinal)];
            _sources = Sources.ToDictionary(s => s.Id, StringComparer.Ordinal);
        }

        var sameTopics = previous is not null && SameObjects(topicInput, previous.TopicInput);
        Topics = sameTopics ? previous!.Built.Topics : topicInput;
        _topics = sameTopics ? previous!.Built._topics : Topics.ToDictionary(t => t.Id, StringComparer.Ordinal);

        // A date known only to the month or year sorts after the days it covers ("December 2022" after 7 December 2022).
        if (previous is not null && SameObjects(eventInput, previous.EventInput))
        {
            Events = previous.Built.Events;
            _events = previous.Built._events;
            _eventsByPerson = previous.Built._eventsByPerson;
            _eventsByTopic = previous.Built._eventsByTopic;
        }
        else
        {
            Events = [.. eventInput.OrderBy(e => e.Date.End).ThenBy(e => e.Date.Precision).ThenBy(e => e.Id, StringComparer.Ordinal)];
            _events = Events.ToDictionary(e => e.Id, StringComparer.Ordinal);
            _eventsByPerson = Group(Events, e => e.People);
            _eventsByTopic = Group(Events, e => e.Topics);
        }

        if (previous is not null && SameObjects(quoteInput, previous.QuoteInput))
        {
            Quotes = previous.Built.Quotes;
            _quotes = previous.Built._quotes;
            _quotesBySpeaker = previous.Built._quotesBySpeaker;
        }
        else
        {
            Quotes = [.. quoteInput.OrderBy(q => q.Date.End).ThenBy(q => q.Date.Precision).ThenBy(q => q.Id, StringComparer.Ordinal)];
            _quotes = Quotes.ToDictionary(q => q.Id, StringComparer.Ordinal);
            _quotesBySpeaker = Group(Quotes, q => [q.Speaker]);
        }

        Positions = [.. positions.OrderBy(p => p.Id, StringComparer.Ordinal)];
        _positions = Positions.ToDictionary(p => p.Id, StringComparer.Ordinal);

        // People who appear in more events rank first among equally good name matches and suggestions.
        People = [.. peopleInput.OrderByDescending(p => EventsFor(p.Id).Count).ThenBy(p => p.Name, StringComparer.Ordinal)];
        if (previous is not null && SameObjects(People, previous.Built.People))
        {
            _people = previous.Built._people;
            PeopleIndex = previous.Built.PeopleIndex;
        }
        else
        {
            _people = People.ToDictionary(p => p.Id, StringComparer.Ordinal);
            PeopleIndex = new NameIndex<Person>(People.Select(p => (p, NamesOf(p))));
        }

        TopicIndex = sameTopics
            ? previous!.Built.TopicIndex
            : new NameIndex<Topic>(Topics.Select(t => (t, (IEnumerable<string>)[t.Id, t.Name, .. t.Aliases])));

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

        // Folded quote text and event headlines are kept for the very same fact objects; folded topic names come from
        // topics.yaml, so a change there makes every quote's text anew.
        if (sameTopics && ReferenceEquals(Quotes, previous!.Built.Quotes))
        {
            _quoteSearchText = previous.Built._quoteSearchText;
        }
        else
        {
            _quoteSearchText = new Dictionary<string, (string, string, string)>(Quotes.Count, StringComparer.Ordinal);
            foreach (var quote in Quotes)
            {
                _quoteSearchText[quote.Id] = sameTopics && previous!.Built._quotes.TryGetValue(quote.Id, out var old) && ReferenceEquals(old, quote)
                    ? previous.Built._quoteSearchText[quote.Id]
                    : (TextFolding.Fold(quote.Text), TextFolding.Fold(quote.Context), TextFolding.Fold(string.Join(' ', quote.Topics.Select(TopicWords))));
            }
        }

        if (previous is not null && ReferenceEquals(Events, previous.Built.Events))
        {
            _headlines = previous.Built._headlines;
        }
        else
        {
            _headlines = new Dictionary<string, string>(Events.Count, StringComparer.Ordinal);
            foreach (var timelineEvent in Events)
            {
                _headlines[timelineEvent.Id] = previous is not null && previous.Built._events.TryGetValue(timelineEvent.Id, out var old) && ReferenceEquals(old, timelineEvent)
                    ? previous.Built._headlines[timelineEvent.Id]
                    : $"{timelineEvent.Title}: {QueryEngine.FirstSentence(timelineEvent.Summary)}";
            }
        }

        ForNextLoad = new Reusable(this, sourceInput, topicInput, eventInput, quoteInput);
        _replaces = previous?.Built;
        _askIndex = new Lazy<AskIndex>(CreateAskIndex, LazyThreadSafetyMode.ExecutionAndPublication);
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

    /// <summary>The free-text index over every fact, built on first use (or by <see cref="PrepareSearch"/>).</summary>
    internal AskIndex AskIndex => _askIndex.Value;

    /// <summary>
    /// Builds the free-text index now, so the first /ask after a load is as fast as the rest. Safe to call from any
    /// thread: one build runs, and an /ask that arrives meanwhile waits for it.
    /// </summary>
    public void PrepareSearch() => _ = _askIndex.Value;

    /// <summary>True once the free-text index is built: /ask answers at once.</summary>
    public bool IsSearchReady => _askIndex.IsValueCreated;

    /// <summary>True once <see cref="Dispose"/> has released the snapshot's free-text index.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>What the next load of the same folder may reuse (it holds no /ask index).</summary>
    internal Reusable ForNextLoad { get; }

    /// <summary>
    /// Releases the in-memory SQLite database behind /ask. Call it on a snapshot that no request can still be reading
    /// (the host does, a while after a reload replaced it).
    /// </summary>
    public void Dispose()
    {
        lock (_disposeGate)
        {
            IsDisposed = true;
            if (_askIndex.IsValueCreated)
            {
                _askIndex.Value.Dispose();
            }
        }
    }

    private AskIndex CreateAskIndex()
    {
        var index = new AskIndex(this, Interlocked.Exchange(ref _replaces, null));
        lock (_disposeGate)
        {
            if (IsDisposed)
            {
                index.Dispose(); // a build that finished after the snapshot was retired releases its database at once
            }
        }

        return index;
    }

    private static bool SameObjects<T>(IReadOnlyList<T> current, IReadOnlyList<T> previous)
        where T : class
    {
        if (current.Count != previous.Count)
        {
            return false;
        }

        for (var i = 0; i < current.Count; i++)
        {
            if (!ReferenceEquals(current[i], previous[i]))
            {
                return false;
            }
        }

        return true;
    }

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

    /// <summary>
    /// A snapshot's sorted lists, indexes and per-fact text, with the facts it was built from in load order, so that
    /// the next snapshot can tell which parts are unchanged.
    /// </summary>
    internal sealed class Reusable(FactBase built, Source[] sourceInput, Topic[] topicInput, TimelineEvent[] eventInput, Quote[] quoteInput)
    {
        public FactBase Built { get; } = built;

        public Source[] SourceInput { get; } = sourceInput;

        public Topic[] TopicInput { get; } = topicInput;

        public TimelineEvent[] EventInput { get; } = eventInput;

        public Quote[] QuoteInput { get; } = quoteInput;
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

    /// <summary>The speaker's quotes in chronological order.</summary>
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
