using System.Text.RegularExpressions;
using Bot.Core.Facts;
using Bot.Core.Text;

namespace Bot.Core.Loading;

/// <summary>
/// Turns one parsed fact file into facts, checking every rule that needs only that file and reporting each problem
/// with its location. The checks that need the whole base (references, duplicate ids, shared aliases, unused sources)
/// are <see cref="FactValidator"/>'s. One instance per file.
/// </summary>
internal sealed partial class FactFileValidator
{
    /// <summary>People and topic ids travel inside page tokens and Discord custom ids, so they stay short.</summary>
    internal const int MaxNameIdLength = 28;

    private const int MaxIdLength = 80;

    private readonly ParsedFile _file;
    private readonly FileFacts _result;

    private FactFileValidator(ParsedFile file)
    {
        _file = file;
        _result = new FileFacts(file);
    }

    /// <summary>Validates a parsed file of the kind its DTO says.</summary>
    public static FileFacts Validate(ParsedFile file, object dto)
    {
        var validator = new FactFileValidator(file);
        switch (dto)
        {
            case SourcesFile sources:
                validator.AddSources(sources);
                break;
            case TopicsFile topics:
                validator.AddTopics(topics);
                break;
            case PersonFile person:
                validator.AddPerson(person);
                break;
            case EventFile timelineEvent:
                validator.AddEvent(timelineEvent);
                break;
            case QuotesFile quotes:
                validator.AddQuotes(quotes);
                break;
            case PositionFile position:
                validator.AddPosition(position);
                break;
            default:
                throw new ArgumentException($"Not a fact file: {dto.GetType().Name}", nameof(dto));
        }

        return validator._result;
    }

    /// <summary>A file that could not be read as YAML (or was empty): one error, no facts.</summary>
    public static FileFacts Unreadable(ParsedFile file, int line, int column, string message)
    {
        var result = new FileFacts(file);
        result.Issues.Add(new FactIssue(file.DisplayPath, line, column, FactIssueSeverity.Error, message));
        return result;
    }

    private void AddSources(SourcesFile dto)
    {
        if (dto.Sources is not { Count: > 0 })
        {
            Error("sources", "the file needs a 'sources:' list with at least one source");
            return;
        }

        var urls = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < dto.Sources.Count; i++)
        {
            var path = $"sources[{i}]";
            var (url, id) = AddItem(path, "sources", dto.Sources[i]);
            NoteUrl(urls, path, url, id);
        }
    }

    private void AddTopics(TopicsFile dto)
    {
        if (dto.Topics is not { Count: > 0 })
        {
            Error("topics", "the file needs a 'topics:' list with at least one topic");
            return;
        }

        for (var i = 0; i < dto.Topics.Count; i++)
        {
            AddItem($"topics[{i}]", "topics", dto.Topics[i]);
        }
    }

    /// <summary>One item of sources.yaml or topics.yaml; for a source, its URL and id for the duplicate-URL check.</summary>
    private (Uri? Url, string? Id) AddItem(string path, string key, object? entry)
    {
        switch (entry)
        {
            case SourceEntry source:
                return AddSource(path, source);
            case TopicEntry topic:
                AddTopic(path, topic);
                return default;
            default:
                EmptyItem(path, key);
                return default;
        }
    }

    private (Uri? Url, string? Id) AddSource(string path, SourceEntry entry)
    {
        var id = Slug(path + ".id", entry.Id, MaxIdLength);
        var outlet = RequiredText(path + ".outlet", entry.Outlet, "outlet");
        var title = RequiredText(path + ".title", entry.Title, "title");
        var url = HttpsUrl(path + ".url", entry.Url);
        var published = Date(path + ".published", entry.Published, required: true);
        var language = Language(path + ".language", entry.Language);
        if (id is not null && outlet is not null && title is not null && url is not null && published is not null && language is not null)
        {
            _result.Sources.Add(new(new Source(id, outlet, title, url, published.Value, language), path + ".id"));
        }

        return (url, id);
    }

    /// <summary>Warns when a source's URL is already another source's (sources are matched by URL, ignoring case).</summary>
    private void NoteUrl(Dictionary<string, string> urls, string path, Uri? url, string? id)
    {
        if (url is not null && !urls.TryAdd(url.AbsoluteUri, id ?? "?"))
        {
            Warning(path + ".url", $"the same URL is already source '{urls[url.AbsoluteUri]}'");
        }
    }

    private void AddTopic(string path, TopicEntry entry)
    {
        var id = Slug(path + ".id", entry.Id, MaxNameIdLength);
        var name = RequiredText(path + ".name", entry.Name, "name");
        var description = RequiredText(path + ".description", entry.Description, "description");
        var aliases = TextList(path + ".aliases", entry.Aliases);
        if (id is not null && name is not null && description is not null)
        {
            _result.Topics.Add(new(new Topic(id, name, aliases, description, Spanish(path + ".name_es", entry.NameEs), Spanish(path + ".description_es", entry.DescriptionEs)), path + ".id"));
        }
    }

    private void AddPerson(PersonFile dto)
    {
        var id = Slug("id", dto.Id, MaxNameIdLength);
        if (id is not null && id != _file.Stem)
        {
            Error("id", $"id '{id}' must match the file name '{_file.Stem}.yaml'");
        }

        var kind = dto.Kind switch
        {
            null or "person" => PersonKind.Person,
            "organization" => PersonKind.Organization,
            _ => (PersonKind?)null,
        };
        if (kind is null)
        {
            Error("kind", $"kind must be 'person' or 'organization', not '{dto.Kind}'");
        }

        var name = RequiredText("name", dto.Name, "name");
        var fullName = OptionalText("full_name", dto.FullName);
        var aliases = TextList("aliases", dto.Aliases);
        var country = RequiredText("country", dto.Country, "country");
        var summary = RequiredText("summary", dto.Summary, "summary");
        var summaryEs = Spanish("summary_es", dto.SummaryEs);
        var roles = Roles(dto.Roles);
        PersonStatus? status = null;
        if (dto.Status is { } s)
        {
            var asOf = Date("status.as_of", s.AsOf, required: true);
            var text = RequiredText("status.text", s.Text, "text");
            var statusSources = SourceList("status.sources", s.Sources);
            status = asOf is null || text is null ? null : new PersonStatus(asOf.Value, text, statusSources, Spanish("status.text_es", s.TextEs));
        }

        var sources = SourceList("sources", dto.Sources);
        var reviewed = Reviewed(dto.Reviewed);
        if (id is null || kind is null || name is null || country is null || summary is null)
        {
            return;
        }

        var person = new Person(id, kind.Value, name, fullName, aliases, country, roles, summary, status, sources, reviewed, _file.RelativePath, summaryEs);
        _result.Person = person;
        var names = new List<(string Name, string Path)> { (person.Id, "id"), (person.Name, "name") };
        if (person.FullName is not null)
        {
            names.Add((person.FullName, "full_name"));
        }

        names.AddRange(person.Aliases.Select((a, i) => (a, $"aliases[{i}]")));
        foreach (var (text, path) in names)
        {
            _result.PersonNames.Add(new PersonName(TextFolding.Fold(text), text, path));
        }

        _result.RoleTitles.AddRange(roles.Select(r => TextFolding.Fold(r.Title)));
    }

    private void AddEvent(EventFile dto)
    {
        var id = Slug("id", dto.Id, MaxIdLength);
        if (id is not null && id != _file.Stem)
        {
            Error("id", $"id '{id}' must match the file name '{_file.Stem}.yaml'");
        }

        var date = Date("date", dto.Date, required: true);
        if (date is { } d)
        {
            if (dto.DatePrecision is not null && !string.Equals(dto.DatePrecision, d.Precision.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                var allowed = dto.DatePrecision is "day" or "month" or "year";
                Error("date_precision", allowed
                    ? $"date_precision is '{dto.DatePrecision}' but the date '{dto.Date}' is written to the {d.Precision.ToString().ToLowerInvariant()}"
                    : $"date_precision must be 'day', 'month' or 'year', not '{dto.DatePrecision}'");
            }

            if (id is not null && !id.StartsWith(d + "-", StringComparison.Ordinal))
            {
                Error("id", $"event id '{id}' must start with its date '{d}-'");
            }
        }

        var variants = new List<DateVariant>();
        for (var i = 0; i < (dto.DateVariants?.Count ?? 0); i++)
        {
            var entry = dto.DateVariants![i];
            var path = $"date_variants[{i}]";
            if (entry is null)
            {
                EmptyItem(path, "date_variants");
                continue;
            }

            var variantDate = Date(path + ".date", entry.Date, required: true);
            var variantSources = SourceList(path + ".sources", entry.Sources);
            if (variantDate is { } vd && date is { } main && vd == main)
            {
                Error(path + ".date", "a date variant must differ from the event's date");
                continue;
            }

            if (variantDate is not null)
            {
                variants.Add(new DateVariant(variantDate.Value, variantSources, OptionalText(path + ".note", entry.Note), entry.Note is null ? OptionalText(path + ".note_es", entry.NoteEs) : Spanish(path + ".note_es", entry.NoteEs)));
            }
        }

        var title = RequiredText("title", dto.Title, "title");
        var titleEs = Spanish("title_es", dto.TitleEs);
        var summary = RequiredText("summary", dto.Summary, "summary");
        var summaryEs = Spanish("summary_es", dto.SummaryEs);
        var people = References("people", dto.People, ReferenceKind.Person);
        var topics = References("topics", dto.Topics, ReferenceKind.Topic);
        var claims = new List<ClaimVariant>();
        for (var i = 0; i < (dto.Variants?.Count ?? 0); i++)
        {
            var entry = dto.Variants![i];
            var path = $"variants[{i}]";
            if (entry is null)
            {
                EmptyItem(path, "variants");
                continue;
            }

            var claim = RequiredText(path + ".claim", entry.Claim, "claim");
            var claimSources = SourceList(path + ".sources", entry.Sources);
            if (claim is not null)
            {
                claims.Add(new ClaimVariant(claim, claimSources, Spanish(path + ".claim_es", entry.ClaimEs)));
            }
        }

        if (dto.Variants is { Count: 1 })
        {
            Error("variants", "variants record a disagreement: give at least two, each with the sources that say it");
        }

        var sources = SourceList("sources", dto.Sources);
        var reviewed = Reviewed(dto.Reviewed);
        if (id is null || date is null || title is null || summary is null)
        {
            return;
        }

        _result.Event = new TimelineEvent(id, date.Value, variants, title, summary, people, topics, claims, sources, reviewed, _file.RelativePath, titleEs, summaryEs);
    }

    private void AddQuotes(QuotesFile dto)
    {
        var speaker = Slug("speaker", dto.Speaker, MaxNameIdLength);
        if (speaker is not null)
        {
            _result.References.Add(new("speaker", ReferenceKind.Person, speaker));
            if (speaker != _file.Stem)
            {
                Error("speaker", $"speaker '{speaker}' must match the file name '{_file.Stem}.yaml'");
            }
        }

        if (dto.Quotes is not { Count: > 0 })
        {
            Error("quotes", "the file needs a 'quotes:' list with at least one quote");
            return;
        }

        for (var i = 0; i < dto.Quotes.Count; i++)
        {
            var entry = dto.Quotes[i];
            var path = $"quotes[{i}]";
            if (entry is null)
            {
                EmptyItem(path, "quotes");
                continue;
            }

            var id = Slug(path + ".id", entry.Id, MaxIdLength);
            var date = Date(path + ".date", entry.Date, required: true);
            var text = RequiredText(path + ".text", entry.Text, "text");
            var language = Language(path + ".language", entry.Language);
            if (entry.Translated is null)
            {
                Error(path, "missing 'translated:' (true when the text is a translation of what was said)");
            }

            var context = RequiredText(path + ".context", entry.Context, "context");
            var topics = References(path + ".topics", entry.Topics, ReferenceKind.Topic);
            var sources = SourceList(path + ".sources", entry.Sources);
            var reviewed = Reviewed(entry.Reviewed, path + ".reviewed");
            if (speaker is null || id is null || date is null || text is null || language is null || context is null || entry.Translated is null)
            {
                continue;
            }

            _result.Quotes.Add(new(new Quote(id, speaker, date.Value, text, language, entry.Translated.Value, context, topics, sources, reviewed, _file.RelativePath, Spanish(path + ".context_es", entry.ContextEs)), path + ".id"));
        }
    }

    private void AddPosition(PositionFile dto)
    {
        var id = Slug("id", dto.Id, MaxNameIdLength);
        if (id is not null && id != _file.Stem)
        {
            Error("id", $"id '{id}' must match the file name '{_file.Stem}.yaml'");
        }

        var topic = Slug("topic", dto.Topic, MaxNameIdLength);
        if (topic is not null)
        {
            _result.References.Add(new("topic", ReferenceKind.Topic, topic));
        }

        var title = RequiredText("title", dto.Title, "title");
        var question = OptionalText("question", dto.Question);
        var stances = new List<Stance>();
        if (dto.Stances is not { Count: > 0 })
        {
            Error("stances", "a position needs 'stances:' with at least one side's stated position");
        }

        for (var i = 0; i < (dto.Stances?.Count ?? 0); i++)
        {
            var entry = dto.Stances![i];
            var path = $"stances[{i}]";
            if (entry is null)
            {
                EmptyItem(path, "stances");
                continue;
            }

            StanceSide? side = entry.Side switch
            {
                "mexico" => StanceSide.Mexico,
                "peru" => StanceSide.Peru,
                "third-party" => StanceSide.ThirdParty,
                _ => null,
            };
            if (side is null)
            {
                Error(path + ".side", $"side must be 'mexico', 'peru' or 'third-party', not '{entry.Side}'");
            }

            var party = RequiredText(path + ".party", entry.Party, "party");
            string? speaker = null;
            if (entry.Speaker is not null)
            {
                speaker = Slug(path + ".speaker", entry.Speaker, MaxNameIdLength);
                if (speaker is not null)
                {
                    _result.References.Add(new(path + ".speaker", ReferenceKind.Person, speaker));
                }
            }

            var date = Date(path + ".date", entry.Date, required: true);
            var statement = RequiredText(path + ".statement", entry.Statement, "statement");
            var quotes = References(path + ".quotes", entry.Quotes, ReferenceKind.Quote);
            var sources = SourceList(path + ".sources", entry.Sources);
            if (side is not null && party is not null && date is not null && statement is not null)
            {
                stances.Add(new Stance(side.Value, party, speaker, date.Value, statement, quotes, sources, Spanish(path + ".party_es", entry.PartyEs), Spanish(path + ".statement_es", entry.StatementEs)));
            }
        }

        var reviewed = Reviewed(dto.Reviewed);
        if (id is null || topic is null || title is null)
        {
            return;
        }

        _result.Position = new Position(id, topic, title, question, stances, reviewed, _file.RelativePath, Spanish("title_es", dto.TitleEs), dto.Question is null ? OptionalText("question_es", dto.QuestionEs) : Spanish("question_es", dto.QuestionEs));
    }

    private List<Role> Roles(List<RoleEntry?>? entries)
    {
        var roles = new List<Role>();
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var entry = entries![i];
            var path = $"roles[{i}]";
            if (entry is null)
            {
                EmptyItem(path, "roles");
                continue;
            }

            var title = RequiredText(path + ".title", entry.Title, "title");
            var from = Date(path + ".from", entry.From, required: false);
            var to = Date(path + ".to", entry.To, required: false);
            if (from is null && to is null && entry.From is null && entry.To is null)
            {
                Error(path, "a role needs 'from:', 'to:' or both (YYYY-MM-DD, YYYY-MM or YYYY)");
                continue;
            }

            var sources = SourceList(path + ".sources", entry.Sources);
            if (from is { } f && to is { } t && t.End < f.Start)
            {
                Error(path + ".to", $"the role ends ({t}) before it starts ({f})");
                continue;
            }

            if (title is null || (from is null && to is null))
            {
                continue;
            }

            var scheduledTo = Date(path + ".scheduled_to", entry.ScheduledTo, required: false);
            if (scheduledTo is not null && to is not null)
            {
                Error(path + ".scheduled_to", "'scheduled_to' is for a role still held: remove it once the role has a 'to:' date");
                continue;
            }

            var role = new Role(title, from, to, sources, Spanish(path + ".title_es", entry.TitleEs), scheduledTo);
            var clash = roles.FindIndex(r => string.Equals(TextFolding.Fold(r.Title), TextFolding.Fold(title), StringComparison.Ordinal) && Overlap(r, role));
            if (clash >= 0)
            {
                Error(path + ".from", $"this '{title}' role overlaps the same role at roles[{clash}]: merge them or fix the dates");
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

    private List<string> SourceList(string path, List<string>? ids)
    {
        if (ids is not { Count: > 0 })
        {
            Error(path, $"missing sources: every fact cites at least one source id from sources.yaml ({path})");
            return [];
        }

        var list = References(path, ids, ReferenceKind.Source);
        _result.CitedSources.AddRange(list);
        return list;
    }

    private List<string> References(string path, List<string>? ids, ReferenceKind kind)
    {
        var list = new List<string>();
        for (var i = 0; i < (ids?.Count ?? 0); i++)
        {
            var id = ids![i];
            if (string.IsNullOrWhiteSpace(id))
            {
                Error($"{path}[{i}]", $"empty {FactValidator.Describe(kind)} id");
                continue;
            }

            if (list.Contains(id, StringComparer.Ordinal))
            {
                Error($"{path}[{i}]", $"{FactValidator.Describe(kind)} '{id}' is listed twice");
                continue;
            }

            list.Add(id);
            _result.References.Add(new($"{path}[{i}]", kind, id));
        }

        return list;
    }

    private string? Slug(string path, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(path, $"missing '{LastKey(path)}'");
            return null;
        }

        if (!SlugPattern().IsMatch(value))
        {
            Error(path, $"'{value}' is not a valid id: use lowercase ASCII letters, digits and single hyphens");
            return null;
        }

        if (value.Length > maxLength)
        {
            Error(path, $"id '{value}' is longer than {maxLength} characters");
            return null;
        }

        return value;
    }

    private string? RequiredText(string path, string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(path, value is null ? $"missing '{name}'" : $"'{name}' is empty");
            return null;
        }

        return value.Trim();
    }

    /// <summary>
    /// The Spanish text of a field. Readers of a Spanish client see it; without it they see the English, so a missing
    /// one is a warning (a moderator adding a fact from chat may leave it for a later edit), not an error.
    /// </summary>
    private string? Spanish(string path, string? value)
    {
        if (value is null)
        {
            // Located at the English text it would translate, since the key itself is not there.
            Warning(path[..^"_es".Length], $"no Spanish text: add '{LastKey(path)}' (written by a curator, never machine-translated)");
            return null;
        }

        return OptionalText(path, value);
    }

    private string? OptionalText(string path, string? value)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            Error(path, $"'{LastKey(path)}' is empty: remove the key or give it a value");
            return null;
        }

        return value?.Trim();
    }

    private List<string> TextList(string path, List<string>? values)
    {
        var list = new List<string>();
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var value = values![i];
            if (string.IsNullOrWhiteSpace(value))
            {
                Error($"{path}[{i}]", "empty entry");
            }
            else if (list.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                Warning($"{path}[{i}]", $"'{value}' is listed twice");
            }
            else
            {
                list.Add(value.Trim());
            }
        }

        return list;
    }

    private PartialDate? Date(string path, string? value, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                Error(path, $"missing '{LastKey(path)}' (a date: YYYY-MM-DD, YYYY-MM or YYYY)");
            }

            return null;
        }

        if (!PartialDate.TryParse(value, out var date))
        {
            Error(path, $"'{value}' is not a valid date (YYYY-MM-DD, YYYY-MM or YYYY, and the day must exist)");
            return null;
        }

        return date;
    }

    private DateOnly? Reviewed(string? value, string path = "reviewed")
    {
        var date = Date(path, value, required: false);
        if (date is { Precision: not DatePrecision.Day })
        {
            Error(path, "'reviewed' must be a full date (YYYY-MM-DD)");
            return null;
        }

        if (date is { } reviewed)
        {
            _result.Reviewed.Add(new(reviewed, path)); // whether it is stale depends on the day of the load
        }

        return date?.Start;
    }

    private Uri? HttpsUrl(string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(path, "missing 'url'");
            return null;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(url.Host))
        {
            Error(path, $"'{value}' is not an https URL: sources must link to an https page");
            return null;
        }

        return url;
    }

    private string? Language(string path, string? value)
    {
        if (value is null || !LanguagePattern().IsMatch(value))
        {
            Error(path, value is null ? "missing 'language' (a two-letter code such as en or es)" : $"'{value}' is not a two-letter language code");
            return null;
        }

        return value;
    }

    /// <summary>A bare <c>-</c> (or <c>- ~</c>) where a list expects a mapping.</summary>
    private void EmptyItem(string path, string list) => Error(path, $"empty item in '{list}': each item needs its keys");

    private static string LastKey(string path)
    {
        var cut = path.LastIndexOf('.');
        return cut < 0 ? path : path[(cut + 1)..];
    }

    private void Error(string path, string message) => Add(path, FactIssueSeverity.Error, message);

    private void Warning(string path, string message) => Add(path, FactIssueSeverity.Warning, message);

    private void Add(string path, FactIssueSeverity severity, string message)
    {
        var (line, column) = _file.Positions.Of(path);
        _result.Issues.Add(new FactIssue(_file.DisplayPath, line, column, severity, message));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
