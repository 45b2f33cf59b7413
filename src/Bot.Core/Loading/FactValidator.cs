using Bot.Core.Facts;
using Bot.Core.Text;

namespace Bot.Core.Loading;

/// <summary>
/// The checks that need the whole fact base, run on every load over every file's <see cref="FileFacts"/> (kept from
/// an earlier load or made now): duplicate ids, references to unknown sources, people, topics and quotes, a name
/// shared by two people, one office held by two people at once, sources nothing cites, stale review dates. One
/// instance per load; files are added in load order, which decides which of two duplicates is "first".
/// </summary>
internal sealed class FactValidator(DateOnly? staleBefore = null)
{
    private readonly List<FactIssue> _issues = [];
    private readonly List<FileFacts> _files = [];
    private readonly Dictionary<string, (Source Source, ParsedFile File, string Path)> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Topic> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Person Person, FileFacts File)> _people = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimelineEvent> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParsedFile> _quoteIds = new(StringComparer.Ordinal);
    private readonly List<Quote> _quotes = [];
    private readonly Dictionary<string, Position> _positions = new(StringComparer.Ordinal);

    public IReadOnlyList<FactIssue> Issues => _issues;

    public IEnumerable<Source> Sources => _sources.Values.Select(v => v.Source);

    public IEnumerable<Topic> Topics => _topics.Values;

    public IEnumerable<Person> People => _people.Values.Select(v => v.Person);

    public IEnumerable<TimelineEvent> Events => _events.Values;

    public IEnumerable<Quote> Quotes => _quotes;

    public IEnumerable<Position> Positions => _positions.Values;

    /// <summary>The vocabulary of <c>vocabulary.yaml</c>, or null when the folder has none.</summary>
    public Vocabulary? Vocabulary { get; private set; }

    public static string Describe(ReferenceKind kind) => kind switch
    {
        ReferenceKind.Source => "source",
        ReferenceKind.Person => "person",
        ReferenceKind.Topic => "topic",
        _ => "quote",
    };

    public void Error(string displayPath, int line, int column, string message) =>
        _issues.Add(new FactIssue(displayPath, line, column, FactIssueSeverity.Error, message));

    public void Warning(string displayPath, int line, int column, string message) =>
        _issues.Add(new FactIssue(displayPath, line, column, FactIssueSeverity.Warning, message));

    /// <summary>Takes in one file's facts and problems, reporting ids already defined by an earlier file.</summary>
    public void Add(FileFacts file)
    {
        _files.Add(file);
        _issues.AddRange(file.Issues);
        var parsed = file.File;
        foreach (var (source, path) in file.Sources)
        {
            if (_sources.TryGetValue(source.Id, out var first))
            {
                Error(parsed, path, $"duplicate source id '{source.Id}' (first defined at line {first.File.Positions.Of(first.Path).Line})");
                continue;
            }

            _sources[source.Id] = (source, parsed, path);
        }

        foreach (var (topic, path) in file.Topics)
        {
            if (!_topics.TryAdd(topic.Id, topic))
            {
                Error(parsed, path, $"duplicate topic id '{topic.Id}'");
            }
        }

        if (file.Person is { } person && !_people.TryAdd(person.Id, (person, file)))
        {
            Error(parsed, "id", $"duplicate person id '{person.Id}'");
        }

        if (file.Event is { } timelineEvent && !_events.TryAdd(timelineEvent.Id, timelineEvent))
        {
            Error(parsed, "id", $"duplicate event id '{timelineEvent.Id}'");
        }

        foreach (var (quote, path) in file.Quotes)
        {
            if (_quoteIds.TryGetValue(quote.Id, out var first))
            {
                Error(parsed, path, $"duplicate quote id '{quote.Id}' (first in {first.RelativePath})");
                continue;
            }

            _quoteIds[quote.Id] = parsed;
            _quotes.Add(quote);
        }

        if (file.Position is { } position && !_positions.TryAdd(position.Id, position))
        {
            Error(parsed, "id", $"duplicate position id '{position.Id}'");
        }

        Vocabulary = file.Vocabulary ?? Vocabulary; // one file has a fixed name: there is never a second
    }

    /// <summary>The checks that need every file: references, alias collisions, overlapping roles, unused sources.</summary>
    public void CheckAcrossFiles()
    {
        var cited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in _files)
        {
            foreach (var (path, kind, id) in file.References)
            {
                var known = kind switch
                {
                    ReferenceKind.Source => _sources.ContainsKey(id),
                    ReferenceKind.Person => _people.ContainsKey(id),
                    ReferenceKind.Topic => _topics.ContainsKey(id),
                    _ => _quoteIds.ContainsKey(id),
                };
                if (!known)
                {
                    Error(file.File, path, $"unknown {Describe(kind)} id '{id}'" + (Closest(kind, id) is { } closest ? $" (did you mean '{closest}'?)" : ""));
                }
            }

            cited.UnionWith(file.CitedSources);
            if (staleBefore is { } limit)
            {
                foreach (var (reviewed, path) in file.Reviewed)
                {
                    if (reviewed.Start < limit)
                    {
                        Warning(file.File, path, $"not reviewed since {reviewed}: check it against its sources and update 'reviewed'");
                    }
                }
            }
        }

        CheckAliasCollisions();
        CheckRoleOverlapsAcrossPeople();
        if (staleBefore is { } before)
        {
            CheckPresentTenseClaims(before);
        }

        foreach (var (id, entry) in _sources.Where(s => !cited.Contains(s.Key)).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Warning(entry.File, entry.Path, $"source '{id}' is not cited by any fact");
        }
    }

    private string? Closest(ReferenceKind kind, string id)
    {
        var candidates = kind switch
        {
            ReferenceKind.Source => _sources.Keys,
            ReferenceKind.Person => _people.Keys,
            ReferenceKind.Quote => _quoteIds.Keys,
            _ => (IEnumerable<string>)_topics.Keys,
        };
        return candidates
            .Select(c => (Id: c, Distance: EditDistance.Bounded(id, c, 4)))
            .Where(c => c.Distance <= 4)
            .OrderBy(c => c.Distance).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => c.Id).FirstOrDefault();
    }

    private void CheckAliasCollisions()
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (person, file) in _people.Values.OrderBy(p => p.Person.Id, StringComparer.Ordinal))
        {
            foreach (var (key, name, path) in file.PersonNames)
            {
                if (key.Length == 0)
                {
                    continue;
                }

                if (owners.TryGetValue(key, out var owner) && owner != person.Id)
                {
                    Error(file.File, path, $"'{name}' is also a name of '{owner}': an alias must point to one person");
                }
                else
                {
                    owners[key] = person.Id;
                }
            }
        }
    }

    private void CheckRoleOverlapsAcrossPeople()
    {
        var holders = new Dictionary<string, List<(Person Person, ParsedFile File, Role Role, int Index)>>(StringComparer.Ordinal);
        foreach (var (person, file) in _people.Values)
        {
            for (var i = 0; i < person.Roles.Count; i++)
            {
                if (person.Roles[i].From is null)
                {
                    continue;
                }

                var title = file.RoleTitles[i];
                if (!holders.TryGetValue(title, out var list))
                {
                    holders[title] = list = [];
                }

                list.Add((person, file.File, person.Roles[i], i));
            }
        }

        foreach (var group in holders.Values)
        {
            var list = group.OrderBy(x => x.Role.StartsOn).ToList();
            for (var i = 1; i < list.Count; i++)
            {
                var (earlier, later) = (list[i - 1], list[i]);
                if (earlier.Person.Id == later.Person.Id)
                {
                    continue;
                }

                var earlierEnd = earlier.Role.To?.End ?? DateOnly.MaxValue;
                if (earlier.Role.From?.Precision == DatePrecision.Day && later.Role.From?.Precision == DatePrecision.Day && earlierEnd > later.Role.StartsOn)
                {
                    Warning(later.File, $"roles[{later.Index}].from",
                        $"'{later.Role.Title}' is also held by '{earlier.Person.Id}' until {earlier.Role.To?.ToString() ?? "now"}: check the dates if this office has one holder at a time");
                }
            }
        }
    }

    /// <summary>
    /// A role held "to the present" and a "where things stand" line are claims about today: when the newest source
    /// behind one is older than the staleness limit, moderators are asked to look for what happened since.
    /// </summary>
    private void CheckPresentTenseClaims(DateOnly before)
    {
        foreach (var (person, file) in _people.Values)
        {
            for (var i = 0; i < person.Roles.Count; i++)
            {
                var role = person.Roles[i];
                if (role.To is not null)
                {
                    continue;
                }

                var newest = role.Sources
                    .Select(id => _sources.TryGetValue(id, out var s) ? s.Source.Published : (PartialDate?)null)
                    .Max();
                if (newest is null || newest.Value.End < before)
                {
                    Warning(file.File, $"roles[{i}]",
                        $"'{role.Title}' is shown as held to the present, but its newest source is from {newest?.ToString() ?? "an unknown date"}: " +
                        "check for later developments, then add 'to:', 'scheduled_to:' or a newer source");
                }
            }

            if (person.Status is { } status && status.AsOf.End < before)
            {
                Warning(file.File, "status.as_of", $"'where things stand' is as of {status.AsOf}: check for later developments and update the status and its 'as_of'");
            }
        }
    }

    private void Error(ParsedFile file, string path, string message) => Add(file, path, FactIssueSeverity.Error, message);

    private void Warning(ParsedFile file, string path, string message) => Add(file, path, FactIssueSeverity.Warning, message);

    private void Add(ParsedFile file, string path, FactIssueSeverity severity, string message)
    {
        var (line, column) = file.Positions.Of(path);
        _issues.Add(new FactIssue(file.DisplayPath, line, column, severity, message));
    }
}
