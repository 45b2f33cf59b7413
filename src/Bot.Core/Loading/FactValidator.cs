using System.Text.RegularExpressions;
using Bot.Core.Facts;
using Bot.Core.Text;

namespace Bot.Core.Loading;

/// <summary>
/// Turns parsed fact files into facts, checking every rule of the fact base and reporting every problem at once with
/// its location. One instance per load.
/// </summary>
internal sealed partial class FactValidator(DateOnly? staleBefore = null)
{
    /// <summary>People and topic ids travel inside page tokens and Discord custom ids, so they stay short.</summary>
    internal const int MaxNameIdLength = 28;

    private const int MaxIdLength = 80;

    private readonly List<FactIssue> _issues = [];
    private readonly Dictionary<string, (Source Source, ParsedFile File, string Path)> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Topic> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Person Person, ParsedFile File)> _people = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimelineEvent> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ParsedFile File, string Path)> _quoteIds = new(StringComparer.Ordinal);
    private readonly List<Quote> _quotes = [];
    private readonly Dictionary<string, Position> _positions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _citedSources = new(StringComparer.Ordinal);

    // References are checked once every file has been read, so files may refer to each other in any order.
    private readonly List<(ParsedFile File, string Path, string Kind, string Id)> _references = [];

    public IReadOnlyList<FactIssue> Issues => _issues;

    public IEnumerable<Source> Sources => _sources.Values.Select(v => v.Source);

    public IEnumerable<Topic> Topics => _topics.Values;

    public IEnumerable<Person> People => _people.Values.Select(v => v.Person);

    public IEnumerable<TimelineEvent> Events => _events.Values;

    public IEnumerable<Quote> Quotes => _quotes;

    public IEnumerable<Position> Positions => _positions.Values;

    public void Error(ParsedFile file, string path, string message) => Add(file, path, FactIssueSeverity.Error, message);

    public void Error(string displayPath, int line, int column, string message) =>
        _issues.Add(new FactIssue(displayPath, line, column, FactIssueSeverity.Error, message));

    public void Warning(ParsedFile file, string path, string message) => Add(file, path, FactIssueSeverity.Warning, message);

    public void AddSources(ParsedFile file, SourcesFile dto)
    {
        if (dto.Sources is not { Count: > 0 })
        {
            Error(file, "sources", "the file needs a 'sources:' list with at least one source");
            return;
        }

        var urls = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < dto.Sources.Count; i++)
        {
            var entry = dto.Sources[i];
            var path = $"sources[{i}]";
            var id = Slug(file, path + ".id", entry.Id, MaxIdLength);
            var outlet = RequiredText(file, path + ".outlet", entry.Outlet, "outlet");
            var title = RequiredText(file, path + ".title", entry.Title, "title");
            var url = HttpsUrl(file, path + ".url", entry.Url);
            var published = Date(file, path + ".published", entry.Published, required: true);
            var language = Language(file, path + ".language", entry.Language);
            if (url is not null && !urls.TryAdd(url.AbsoluteUri, id ?? "?"))
            {
                Warning(file, path + ".url", $"the same URL is already source '{urls[url.AbsoluteUri]}'");
            }

            if (id is null || outlet is null || title is null || url is null || published is null || language is null)
            {
                continue;
            }

            if (_sources.TryGetValue(id, out var first))
            {
                Error(file, path + ".id", $"duplicate source id '{id}' (first defined at line {first.File.Positions.Of(first.Path).Line})");
                continue;
            }

            _sources[id] = (new Source(id, outlet, title, url, published.Value, language), file, path + ".id");
        }
    }

    public void AddTopics(ParsedFile file, TopicsFile dto)
    {
        if (dto.Topics is not { Count: > 0 })
        {
            Error(file, "topics", "the file needs a 'topics:' list with at least one topic");
            return;
        }

        for (var i = 0; i < dto.Topics.Count; i++)
        {
            var entry = dto.Topics[i];
            var path = $"topics[{i}]";
            var id = Slug(file, path + ".id", entry.Id, MaxNameIdLength);
            var name = RequiredText(file, path + ".name", entry.Name, "name");
            var description = RequiredText(file, path + ".description", entry.Description, "description");
            var aliases = TextList(file, path + ".aliases", entry.Aliases);
            if (id is null || name is null || description is null)
            {
                continue;
            }

            if (!_topics.TryAdd(id, new Topic(id, name, aliases, description)))
            {
                Error(file, path + ".id", $"duplicate topic id '{id}'");
            }
        }
    }

    public void AddPerson(ParsedFile file, PersonFile dto)
    {
        var id = Slug(file, "id", dto.Id, MaxNameIdLength);
        if (id is not null && id != file.Stem)
        {
            Error(file, "id", $"id '{id}' must match the file name '{file.Stem}.yaml'");
        }

        var kind = dto.Kind switch
        {
            null or "person" => PersonKind.Person,
            "organization" => PersonKind.Organization,
            _ => (PersonKind?)null,
        };
        if (kind is null)
        {
            Error(file, "kind", $"kind must be 'person' or 'organization', not '{dto.Kind}'");
        }

        var name = RequiredText(file, "name", dto.Name, "name");
        var fullName = OptionalText(file, "full_name", dto.FullName);
        var aliases = TextList(file, "aliases", dto.Aliases);
        var country = RequiredText(file, "country", dto.Country, "country");
        var summary = RequiredText(file, "summary", dto.Summary, "summary");
        var roles = Roles(file, dto.Roles);
        PersonStatus? status = null;
        if (dto.Status is { } s)
        {
            var asOf = Date(file, "status.as_of", s.AsOf, required: true);
            var text = RequiredText(file, "status.text", s.Text, "text");
            var statusSources = SourceList(file, "status.sources", s.Sources);
            status = asOf is null || text is null ? null : new PersonStatus(asOf.Value, text, statusSources);
        }

        var sources = SourceList(file, "sources", dto.Sources);
        var reviewed = Reviewed(file, dto.Reviewed);
        if (id is null || kind is null || name is null || country is null || summary is null)
        {
            return;
        }

        if (_people.ContainsKey(id))
        {
            Error(file, "id", $"duplicate person id '{id}'");
            return;
        }

        _people[id] = (new Person(id, kind.Value, name, fullName, aliases, country, roles, summary, status, sources, reviewed, file.RelativePath), file);
    }

    public void AddEvent(ParsedFile file, EventFile dto)
    {
        var id = Slug(file, "id", dto.Id, MaxIdLength);
        if (id is not null && id != file.Stem)
        {
            Error(file, "id", $"id '{id}' must match the file name '{file.Stem}.yaml'");
        }

        var date = Date(file, "date", dto.Date, required: true);
        if (date is { } d)
        {
            if (dto.DatePrecision is not null && !string.Equals(dto.DatePrecision, d.Precision.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                var allowed = dto.DatePrecision is "day" or "month" or "year";
                Error(file, "date_precision", allowed
                    ? $"date_precision is '{dto.DatePrecision}' but the date '{dto.Date}' is written to the {d.Precision.ToString().ToLowerInvariant()}"
                    : $"date_precision must be 'day', 'month' or 'year', not '{dto.DatePrecision}'");
            }

            if (id is not null && !id.StartsWith(d + "-", StringComparison.Ordinal))
            {
                Error(file, "id", $"event id '{id}' must start with its date '{d}-'");
            }
        }

        var variants = new List<DateVariant>();
        for (var i = 0; i < (dto.DateVariants?.Count ?? 0); i++)
        {
            var entry = dto.DateVariants![i];
            var path = $"date_variants[{i}]";
            var variantDate = Date(file, path + ".date", entry.Date, required: true);
            var variantSources = SourceList(file, path + ".sources", entry.Sources);
            if (variantDate is { } vd && date is { } main && vd == main)
            {
                Error(file, path + ".date", "a date variant must differ from the event's date");
                continue;
            }

            if (variantDate is not null)
            {
                variants.Add(new DateVariant(variantDate.Value, variantSources, OptionalText(file, path + ".note", entry.Note)));
            }
        }

        var title = RequiredText(file, "title", dto.Title, "title");
        var summary = RequiredText(file, "summary", dto.Summary, "summary");
        var people = References(file, "people", dto.People, "person");
        var topics = References(file, "topics", dto.Topics, "topic");
        var claims = new List<ClaimVariant>();
        for (var i = 0; i < (dto.Variants?.Count ?? 0); i++)
        {
            var entry = dto.Variants![i];
            var path = $"variants[{i}]";
            var claim = RequiredText(file, path + ".claim", entry.Claim, "claim");
            var claimSources = SourceList(file, path + ".sources", entry.Sources);
            if (claim is not null)
            {
                claims.Add(new ClaimVariant(claim, claimSources));
            }
        }

        if (dto.Variants is { Count: 1 })
        {
            Error(file, "variants", "variants record a disagreement: give at least two, each with the sources that say it");
        }

        var sources = SourceList(file, "sources", dto.Sources);
        var reviewed = Reviewed(file, dto.Reviewed);
        if (id is null || date is null || title is null || summary is null)
        {
            return;
        }

        if (!_events.TryAdd(id, new TimelineEvent(id, date.Value, variants, title, summary, people, topics, claims, sources, reviewed, file.RelativePath)))
        {
            Error(file, "id", $"duplicate event id '{id}'");
        }
    }

    public void AddQuotes(ParsedFile file, QuotesFile dto)
    {
        var speaker = Slug(file, "speaker", dto.Speaker, MaxNameIdLength);
        if (speaker is not null)
        {
            _references.Add((file, "speaker", "person", speaker));
            if (speaker != file.Stem)
            {
                Error(file, "speaker", $"speaker '{speaker}' must match the file name '{file.Stem}.yaml'");
            }
        }

        if (dto.Quotes is not { Count: > 0 })
        {
            Error(file, "quotes", "the file needs a 'quotes:' list with at least one quote");
            return;
        }

        for (var i = 0; i < dto.Quotes.Count; i++)
        {
            var entry = dto.Quotes[i];
            var path = $"quotes[{i}]";
            var id = Slug(file, path + ".id", entry.Id, MaxIdLength);
            var date = Date(file, path + ".date", entry.Date, required: true);
            var text = RequiredText(file, path + ".text", entry.Text, "text");
            var language = Language(file, path + ".language", entry.Language);
            if (entry.Translated is null)
            {
                Error(file, path, "missing 'translated:' (true when the text is a translation of what was said)");
            }

            var context = RequiredText(file, path + ".context", entry.Context, "context");
            var topics = References(file, path + ".topics", entry.Topics, "topic");
            var sources = SourceList(file, path + ".sources", entry.Sources);
            var reviewed = Reviewed(file, entry.Reviewed, path + ".reviewed");
            if (speaker is null || id is null || date is null || text is null || language is null || context is null || entry.Translated is null)
            {
                continue;
            }

            if (_quoteIds.TryGetValue(id, out var first))
            {
                Error(file, path + ".id", $"duplicate quote id '{id}' (first in {first.File.RelativePath})");
                continue;
            }

            _quoteIds[id] = (file, path + ".id");
            _quotes.Add(new Quote(id, speaker, date.Value, text, language, entry.Translated.Value, context, topics, sources, reviewed, file.RelativePath));
        }
    }

    public void AddPosition(ParsedFile file, PositionFile dto)
    {
        var id = Slug(file, "id", dto.Id, MaxNameIdLength);
        if (id is not null && id != file.Stem)
        {
            Error(file, "id", $"id '{id}' must match the file name '{file.Stem}.yaml'");
        }

        var topic = Slug(file, "topic", dto.Topic, MaxNameIdLength);
        if (topic is not null)
        {
            _references.Add((file, "topic", "topic", topic));
        }

        var title = RequiredText(file, "title", dto.Title, "title");
        var question = OptionalText(file, "question", dto.Question);
        var stances = new List<Stance>();
        if (dto.Stances is not { Count: > 0 })
        {
            Error(file, "stances", "a position needs 'stances:' with at least one side's stated position");
        }

        for (var i = 0; i < (dto.Stances?.Count ?? 0); i++)
        {
            var entry = dto.Stances![i];
            var path = $"stances[{i}]";
            StanceSide? side = entry.Side switch
            {
                "mexico" => StanceSide.Mexico,
                "peru" => StanceSide.Peru,
                "third-party" => StanceSide.ThirdParty,
                _ => null,
            };
            if (side is null)
            {
                Error(file, path + ".side", $"side must be 'mexico', 'peru' or 'third-party', not '{entry.Side}'");
            }

            var party = RequiredText(file, path + ".party", entry.Party, "party");
            string? speaker = null;
            if (entry.Speaker is not null)
            {
                speaker = Slug(file, path + ".speaker", entry.Speaker, MaxNameIdLength);
                if (speaker is not null)
                {
                    _references.Add((file, path + ".speaker", "person", speaker));
                }
            }

            var date = Date(file, path + ".date", entry.Date, required: true);
            var statement = RequiredText(file, path + ".statement", entry.Statement, "statement");
            var quotes = References(file, path + ".quotes", entry.Quotes, "quote");
            var sources = SourceList(file, path + ".sources", entry.Sources);
            if (side is not null && party is not null && date is not null && statement is not null)
            {
                stances.Add(new Stance(side.Value, party, speaker, date.Value, statement, quotes, sources));
            }
        }

        var reviewed = Reviewed(file, dto.Reviewed);
        if (id is null || topic is null || title is null)
        {
            return;
        }

        if (!_positions.TryAdd(id, new Position(id, topic, title, question, stances, reviewed, file.RelativePath)))
        {
            Error(file, "id", $"duplicate position id '{id}'");
        }
    }

    /// <summary>The checks that need every file: references, alias collisions, overlapping roles, unused sources.</summary>
    public void CheckAcrossFiles()
    {
        foreach (var (file, path, kind, id) in _references)
        {
            var known = kind switch
            {
                "source" => _sources.ContainsKey(id),
                "person" => _people.ContainsKey(id),
                "topic" => _topics.ContainsKey(id),
                "quote" => _quoteIds.ContainsKey(id),
                _ => false,
            };
            if (!known)
            {
                var candidates = kind switch
                {
                    "source" => _sources.Keys,
                    "person" => _people.Keys,
                    "quote" => _quoteIds.Keys,
                    _ => (IEnumerable<string>)_topics.Keys,
                };
                var closest = candidates
                    .Select(c => (Id: c, Distance: EditDistance.Bounded(id, c, 4)))
                    .Where(c => c.Distance <= 4)
                    .OrderBy(c => c.Distance).ThenBy(c => c.Id, StringComparer.Ordinal)
                    .Select(c => c.Id).FirstOrDefault();
                Error(file, path, $"unknown {kind} id '{id}'" + (closest is null ? "" : $" (did you mean '{closest}'?)"));
            }
        }

        CheckAliasCollisions();
        CheckRoleOverlapsAcrossPeople();
        foreach (var (id, entry) in _sources.Where(s => !_citedSources.Contains(s.Key)).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Warning(entry.File, entry.Path, $"source '{id}' is not cited by any fact");
        }
    }

    private void CheckAliasCollisions()
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (person, file) in _people.Values.OrderBy(p => p.Person.Id, StringComparer.Ordinal))
        {
            var names = new List<(string Name, string Path)> { (person.Id, "id"), (person.Name, "name") };
            if (person.FullName is not null)
            {
                names.Add((person.FullName, "full_name"));
            }

            names.AddRange(person.Aliases.Select((a, i) => (a, $"aliases[{i}]")));
            foreach (var (name, path) in names)
            {
                var key = TextFolding.Fold(name);
                if (key.Length == 0)
                {
                    continue;
                }

                if (owners.TryGetValue(key, out var owner) && owner != person.Id)
                {
                    Error(file, path, $"'{name}' is also a name of '{owner}': an alias must point to one person");
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
        var holders = _people.Values
            .SelectMany(p => p.Person.Roles.Select((r, i) => (p.Person, p.File, Role: r, Index: i)))
            .GroupBy(x => TextFolding.Fold(x.Role.Title), StringComparer.Ordinal);
        foreach (var group in holders)
        {
            var list = group.Where(x => x.Role.From is not null).OrderBy(x => x.Role.StartsOn).ToList();
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

    private List<Role> Roles(ParsedFile file, List<RoleEntry>? entries)
    {
        var roles = new List<Role>();
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var entry = entries![i];
            var path = $"roles[{i}]";
            var title = RequiredText(file, path + ".title", entry.Title, "title");
            var from = Date(file, path + ".from", entry.From, required: false);
            var to = Date(file, path + ".to", entry.To, required: false);
            if (from is null && to is null && entry.From is null && entry.To is null)
            {
                Error(file, path, "a role needs 'from:', 'to:' or both (YYYY-MM-DD, YYYY-MM or YYYY)");
                continue;
            }
            var sources = SourceList(file, path + ".sources", entry.Sources);
            if (from is { } f && to is { } t && t.End < f.Start)
            {
                Error(file, path + ".to", $"the role ends ({t}) before it starts ({f})");
                continue;
            }

            if (title is null || (from is null && to is null))
            {
                continue;
            }

            var role = new Role(title, from, to, sources);
            var clash = roles.FindIndex(r => string.Equals(TextFolding.Fold(r.Title), TextFolding.Fold(title), StringComparison.Ordinal) && Overlap(r, role));
            if (clash >= 0)
            {
                Error(file, path + ".from", $"this '{title}' role overlaps the same role at roles[{clash}]: merge them or fix the dates");
                continue;
            }

            roles.Add(role);
        }

        return roles;
    }

    private static bool Overlap(Role a, Role b)
    {
        var aEnd = a.To?.End ?? DateOnly.MaxValue;
        var bEnd = b.To?.End ?? DateOnly.MaxValue;
        return a.StartsOn < bEnd && b.StartsOn < aEnd;
    }

    private List<string> SourceList(ParsedFile file, string path, List<string>? ids)
    {
        if (ids is not { Count: > 0 })
        {
            Error(file, path, $"missing sources: every fact cites at least one source id from sources.yaml ({path})");
            return [];
        }

        var list = References(file, path, ids, "source");
        foreach (var id in list)
        {
            _citedSources.Add(id);
        }

        return list;
    }

    private List<string> References(ParsedFile file, string path, List<string>? ids, string kind)
    {
        var list = new List<string>();
        for (var i = 0; i < (ids?.Count ?? 0); i++)
        {
            var id = ids![i];
            if (string.IsNullOrWhiteSpace(id))
            {
                Error(file, $"{path}[{i}]", $"empty {kind} id");
                continue;
            }

            if (list.Contains(id, StringComparer.Ordinal))
            {
                Error(file, $"{path}[{i}]", $"{kind} '{id}' is listed twice");
                continue;
            }

            list.Add(id);
            _references.Add((file, $"{path}[{i}]", kind, id));
        }

        return list;
    }

    private string? Slug(ParsedFile file, string path, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(file, path, $"missing '{LastKey(path)}'");
            return null;
        }

        if (!SlugPattern().IsMatch(value))
        {
            Error(file, path, $"'{value}' is not a valid id: use lowercase ASCII letters, digits and single hyphens");
            return null;
        }

        if (value.Length > maxLength)
        {
            Error(file, path, $"id '{value}' is longer than {maxLength} characters");
            return null;
        }

        return value;
    }

    private string? RequiredText(ParsedFile file, string path, string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(file, path, value is null ? $"missing '{name}'" : $"'{name}' is empty");
            return null;
        }

        return value.Trim();
    }

    private string? OptionalText(ParsedFile file, string path, string? value)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            Error(file, path, $"'{LastKey(path)}' is empty: remove the key or give it a value");
            return null;
        }

        return value?.Trim();
    }

    private List<string> TextList(ParsedFile file, string path, List<string>? values)
    {
        var list = new List<string>();
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var value = values![i];
            if (string.IsNullOrWhiteSpace(value))
            {
                Error(file, $"{path}[{i}]", "empty entry");
            }
            else if (list.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                Warning(file, $"{path}[{i}]", $"'{value}' is listed twice");
            }
            else
            {
                list.Add(value.Trim());
            }
        }

        return list;
    }

    private PartialDate? Date(ParsedFile file, string path, string? value, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                Error(file, path, $"missing '{LastKey(path)}' (a date: YYYY-MM-DD, YYYY-MM or YYYY)");
            }

            return null;
        }

        if (!PartialDate.TryParse(value, out var date))
        {
            Error(file, path, $"'{value}' is not a valid date (YYYY-MM-DD, YYYY-MM or YYYY, and the day must exist)");
            return null;
        }

        return date;
    }

    private DateOnly? Reviewed(ParsedFile file, string? value, string path = "reviewed")
    {
        var date = Date(file, path, value, required: false);
        if (date is { Precision: not DatePrecision.Day })
        {
            Error(file, path, "'reviewed' must be a full date (YYYY-MM-DD)");
            return null;
        }

        if (date is { } reviewed && staleBefore is { } limit && reviewed.Start < limit)
        {
            Warning(file, path, $"not reviewed since {reviewed}: check it against its sources and update 'reviewed'");
        }

        return date?.Start;
    }

    private Uri? HttpsUrl(ParsedFile file, string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(file, path, "missing 'url'");
            return null;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(url.Host))
        {
            Error(file, path, $"'{value}' is not an https URL: sources must link to an https page");
            return null;
        }

        return url;
    }

    private string? Language(ParsedFile file, string path, string? value)
    {
        if (value is null || !LanguagePattern().IsMatch(value))
        {
            Error(file, path, value is null ? "missing 'language' (a two-letter code such as en or es)" : $"'{value}' is not a two-letter language code");
            return null;
        }

        return value;
    }

    private static string LastKey(string path)
    {
        var cut = path.LastIndexOf('.');
        return cut < 0 ? path : path[(cut + 1)..];
    }

    private void Add(ParsedFile file, string path, FactIssueSeverity severity, string message)
    {
        var (line, column) = file.Positions.Of(path);
        _issues.Add(new FactIssue(file.DisplayPath, line, column, severity, message));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
