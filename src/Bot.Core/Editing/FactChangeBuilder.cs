using System.Globalization;
using System.Text;
using Bot.Core.Facts;
using Bot.Core.Loading;

namespace Bot.Core.Editing;

/// <summary>What a page says about itself (Open Graph and JSON-LD), to fill in a source the fact base does not have yet.</summary>
public sealed record SourceMetadata(string? Outlet, string? Title, string? Published, string? Language);

/// <summary>Reads a page's metadata, or null when the page cannot be read (refused address, timeout, too large, not HTML).</summary>
public interface ISourceMetadataReader
{
    Task<SourceMetadata?> ReadAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>
/// A form's values turned into a <see cref="FactChange"/>, or the problems that stop it before any file is touched
/// (the loader then checks the result as it checks every file), and the command whose answer previews it.
/// </summary>
internal sealed record FactEditPlan(FactChange? Change, IReadOnlyList<string> Problems, string? PreviewCommand, string? PreviewNeedle, string? File);

/// <summary>Builds the file edits for each form. Pure: the same values and fact base give the same change.</summary>
internal static class FactChangeBuilder
{
    /// <summary>The URLs among the values that are not sources yet and would need their page's metadata.</summary>
    public static IReadOnlyList<Uri> UnknownSourceUrls(string action, IReadOnlyDictionary<string, string> values, FactBase facts)
    {
        var typed = action switch
        {
            FactEditActions.AddEvent => Lines(Value(values, "sources")),
            FactEditActions.AddQuote => [Value(values, "source")],
            FactEditActions.AddSource when Value(values, "outlet").Length == 0 || Value(values, "title").Length == 0 || Value(values, "date").Length == 0 => [Value(values, "url")],
            _ => [],
        };
        return [.. typed.Select(AsUrl).OfType<Uri>().Where(u => FindSource(facts, u.AbsoluteUri) is null).DistinctBy(u => u.AbsoluteUri)];
    }

    public static FactEditPlan Build(
        string action,
        string? target,
        IReadOnlyDictionary<string, string> values,
        FactBase facts,
        FactAuthor author,
        DateOnly today,
        IReadOnlyDictionary<string, SourceMetadata>? metadata = null)
    {
        var context = new Context(values, facts, author, today, metadata ?? new Dictionary<string, SourceMetadata>());
        return action switch
        {
            FactEditActions.AddEvent => context.AddEvent(),
            FactEditActions.AddQuote => context.AddQuote(),
            FactEditActions.AddSource => context.AddSource(),
            FactEditActions.Edit when target is not null => context.Edit(target),
            _ => new FactEditPlan(null, [$"'{action}' is not an edit"], null, null, null),
        };
    }

    private static string Value(IReadOnlyDictionary<string, string> values, string id) =>
        values.TryGetValue(id, out var value) ? value.Trim() : "";

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Uri? AsUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url : null;

    private static Source? FindSource(FactBase facts, string url)
    {
        var wanted = url.TrimEnd('/');
        return facts.Sources.FirstOrDefault(s => string.Equals(s.Url.AbsoluteUri.TrimEnd('/'), wanted, StringComparison.OrdinalIgnoreCase));
    }

    private static string Platform(FactAuthor author) => author.Platform switch
    {
        "discord" => "Discord",
        "slack" => "Slack",
        _ => author.Platform,
    };

    private static string Message(string what, FactAuthor author) => $"{what} (from {Platform(author)} by {FactYaml.OneLine(author.DisplayName)})";

    private sealed class Context(IReadOnlyDictionary<string, string> values, FactBase facts, FactAuthor author, DateOnly today, IReadOnlyDictionary<string, SourceMetadata> metadata)
    {
        private readonly List<string> _problems = [];
        private readonly List<string> _newSources = [];
        private readonly HashSet<string> _newIds = new(StringComparer.Ordinal);

        private string Reviewed => today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        public FactEditPlan AddEvent()
        {
            var date = FactYaml.OneLine(Value(values, "date"));
            var title = FactYaml.OneLine(Value(values, "title"));
            var summary = FactYaml.OneLine(Value(values, "summary"));
            var sources = Lines(Value(values, "sources")).Select(s => SourceId("sources", s)).OfType<string>().Distinct().ToList();
            var people = Value(values, "people").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(PersonId).OfType<string>().Distinct().ToList();
            var datePart = FactYaml.Slug(date, 10);
            var id = $"{(datePart.Length > 0 ? datePart : "undated")}-{FactYaml.Slug(title, FieldReader.MaxIdLength - 11, maxWords: 8)}".TrimEnd('-');
            var path = $"events/{id}.yaml";
            var yaml = new StringBuilder()
                .Append("id: ").Append(id).Append('\n')
                .Append("date: ").Append(FactYaml.Plain(date)).Append('\n');
            if (PartialDate.TryParse(date, out var parsed))
            {
                yaml.Append("date_precision: ").Append(parsed.Precision.ToString().ToLowerInvariant()).Append('\n');
            }

            yaml.Append("title: ").Append(FactYaml.Quote(title)).Append('\n')
                .Append("summary: ").Append(FactYaml.Quote(summary)).Append('\n');
            if (people.Count > 0)
            {
                yaml.Append("people: ").Append(FactYaml.List(people)).Append('\n');
            }

            yaml.Append("sources: ").Append(FactYaml.List(sources)).Append('\n')
                .Append("reviewed: ").Append(Reviewed).Append('\n');
            var text = yaml.ToString();
            var edits = new List<FactFileEdit>
            {
                new(path, current => current is null ? text : throw new FactEditConflictException($"{path} already exists; change the title or edit the event")),
            };
            return Plan(edits, $"Add event {date} {title}", $"/timeline from:{date} to:{date}", title, path);
        }

        public FactEditPlan AddQuote()
        {
            var speakerTyped = Value(values, "speaker");
            var date = FactYaml.OneLine(Value(values, "date"));
            var text = FactYaml.OneLine(Value(values, "text"));
            var context = FactYaml.OneLine(Value(values, "context"));
            var speaker = PersonId(speakerTyped, "speaker");
            var sourceId = SourceId("source", Value(values, "source"));
            if (speaker is null)
            {
                return Plan([], "", null, null, null);
            }

            var language = "en";
            if (sourceId is not null)
            {
                language = facts.TryGetSource(sourceId, out var known) ? known.Language : metadata.Values.FirstOrDefault()?.Language ?? LanguageGuess.Of(text);
            }

            // A Spanish speaker's words in another language were translated by the outlet.
            var translated = language != "es" && facts.TryGetPerson(speaker, out var person) && person.Country is "Peru" or "Mexico" or "Perú" or "México";
            var baseId = $"{speaker.Split('-')[^1]}-{FactYaml.Slug(date, 10)}-{FactYaml.Slug(text, 30, maxWords: 4)}".TrimEnd('-');
            var id = Unique(baseId, i => facts.TryGetQuote(i, out _));
            var entry = new StringBuilder()
                .Append("  - id: ").Append(id).Append('\n')
                .Append("    date: ").Append(FactYaml.Plain(date)).Append('\n')
                .Append("    text: ").Append(FactYaml.Quote(text)).Append('\n')
                .Append("    language: ").Append(language).Append('\n')
                .Append("    translated: ").Append(translated ? "true" : "false").Append('\n')
                .Append("    context: ").Append(FactYaml.Quote(context)).Append('\n')
                .Append("    sources: ").Append(FactYaml.List(sourceId is null ? [] : [sourceId])).Append('\n')
                .Append("    reviewed: ").Append(Reviewed).Append('\n')
                .ToString();
            var path = $"quotes/{speaker}.yaml";
            var speakerLine = $"speaker: {speaker}\nquotes:\n";
            List<FactFileEdit> edits = [new(path, current => FactYaml.Append(current ?? speakerLine, entry))];
            var keyword = string.Join(' ', Bot.Core.Text.TextFolding.Tokens(text).Where(t => t.Length > 3).Take(2));
            return Plan(edits, $"Add quote {id}", $"/quote {speaker} {keyword}".TrimEnd(), text, path);
        }

        public FactEditPlan AddSource()
        {
            var url = Value(values, "url");
            var parsed = AsUrl(url);
            if (parsed is null)
            {
                _problems.Add($"url: '{FactYaml.OneLine(url)}' is not a web address (https://…)");
            }
            else if (FindSource(facts, parsed.AbsoluteUri) is { } existing)
            {
                _problems.Add($"url: this page is already the source '{existing.Id}'");
            }

            // What the moderator typed wins; an empty field is filled in from the page, when it could be read.
            var page = parsed is not null && metadata.TryGetValue(parsed.AbsoluteUri, out var read) ? read : null;
            string Typed(string id, string? fromPage) => Value(values, id) is { Length: > 0 } typed ? typed : fromPage ?? "";
            var id = NewSource(url, new SourceMetadata(Typed("outlet", page?.Outlet), Typed("title", page?.Title), Typed("date", page?.Published), page?.Language));
            return Plan([], $"Add source {id}", "/sources", url, FactBaseLoader.SourcesFileName);
        }

        public FactEditPlan Edit(string target)
        {
            var summary = FactYaml.OneLine(Value(values, "summary"));
            var status = FactYaml.OneLine(Value(values, "status"));
            if (facts.TryGetPerson(target, out var person))
            {
                var path = person.File;
                var changed = new List<string>();
                var edits = new List<FactFileEdit>();
                if (summary != person.Summary)
                {
                    changed.Add("summary");
                }

                if (person.Status is { } current && status.Length > 0 && status != current.Text)
                {
                    changed.Add("status");
                }

                if (changed.Count == 0)
                {
                    _problems.Add("nothing changed");
                }
                else
                {
                    edits.Add(new FactFileEdit(path, text =>
                    {
                        var result = text ?? throw new FactEditConflictException($"{path} no longer exists");
                        if (changed.Contains("summary"))
                        {
                            result = FactYaml.ReplaceValue(result, path, ["summary"], FactYaml.Quote(summary));
                        }

                        if (changed.Contains("status"))
                        {
                            result = FactYaml.ReplaceValue(result, path, ["status", "text"], FactYaml.Quote(status));
                        }

                        return result;
                    }));
                }

                return Plan(edits, $"Edit {person.Id} {string.Join(" and ", changed)}", $"/who {person.Id}", changed.Contains("summary") ? summary : status, path);
            }

            if (facts.TryGetEvent(target, out var timelineEvent))
            {
                var path = timelineEvent.File;
                if (summary == timelineEvent.Summary)
                {
                    _problems.Add("nothing changed");
                }

                List<FactFileEdit> edits = [new(path, text => FactYaml.ReplaceValue(text ?? throw new FactEditConflictException($"{path} no longer exists"), path, ["summary"], FactYaml.Quote(summary)))];
                var date = timelineEvent.Date.ToString();
                return Plan(edits, $"Edit {timelineEvent.Id} summary", $"/timeline from:{date} to:{date}", summary, path);
            }

            _problems.Add($"target: '{target}' is neither a person nor an event id");
            return Plan([], "", null, null, null);
        }

        private FactEditPlan Plan(List<FactFileEdit> edits, string what, string? preview, string? needle, string? file)
        {
            if (_newSources.Count > 0)
            {
                var entries = string.Concat(_newSources);
                edits.Insert(0, new FactFileEdit(FactBaseLoader.SourcesFileName, current => FactYaml.Append(current ?? "sources:\n", entries)));
            }

            return _problems.Count > 0 || edits.Count == 0
                ? new FactEditPlan(null, _problems.Count > 0 ? _problems : ["nothing to change"], null, null, null)
                : new FactEditPlan(new FactChange(Message(what, author), author, edits), [], preview, needle, file);
        }

        /// <summary>A known source's id from its URL or id; a new source from the page's metadata; else a problem.</summary>
        private string? SourceId(string field, string typed)
        {
            typed = typed.Trim();
            if (typed.Length == 0)
            {
                _problems.Add($"{field}: give the source's URL");
                return null;
            }

            if (facts.TryGetSource(typed, out var byId))
            {
                return byId.Id;
            }

            if (AsUrl(typed) is not { } url)
            {
                _problems.Add($"{field}: '{FactYaml.OneLine(typed)}' is neither a URL nor a source id");
                return null;
            }

            if (FindSource(facts, url.AbsoluteUri) is { } known)
            {
                return known.Id;
            }

            if (metadata.TryGetValue(url.AbsoluteUri, out var page) && page.Outlet is { Length: > 0 } && page.Title is { Length: > 0 } && page.Published is { Length: > 0 })
            {
                return NewSource(url.AbsoluteUri, page);
            }

            _problems.Add($"{field}: {url.AbsoluteUri} is not in sources.yaml and its page could not be read; add it first with /facts add-source");
            return null;
        }

        private string NewSource(string url, SourceMetadata page)
        {
            var outlet = FactYaml.OneLine(page.Outlet);
            var title = FactYaml.OneLine(page.Title);
            var published = FactYaml.OneLine(page.Published);
            var language = page.Language is { Length: 2 } lang ? lang.ToLowerInvariant() : LanguageGuess.Of(title);
            var baseId = $"{FactYaml.Slug(outlet, 20, maxWords: 2)}-{FactYaml.Slug(published, 10)}-{FactYaml.Slug(title, 30, maxWords: 4)}".Trim('-');
            var id = Unique(baseId, i => facts.TryGetSource(i, out _));
            _newIds.Add(id);
            _newSources.Add(new StringBuilder()
                .Append("  - id: ").Append(id).Append('\n')
                .Append("    outlet: ").Append(FactYaml.Quote(outlet)).Append('\n')
                .Append("    title: ").Append(FactYaml.Quote(title)).Append('\n')
                .Append("    url: ").Append(url.Length > 0 ? FactYaml.Quote(url.Trim()) : "").Append('\n')
                .Append("    published: ").Append(FactYaml.Plain(published)).Append('\n')
                .Append("    language: ").Append(language).Append('\n')
                .ToString());
            return id;
        }

        private string Unique(string baseId, Func<string, bool> taken)
        {
            var id = baseId.Length > 0 ? baseId : "new";
            for (var n = 2; taken(id) || _newIds.Contains(id); n++)
            {
                id = $"{baseId}-{n}";
            }

            return id;
        }

        /// <summary>A person's id from an id, a name or an alias; a problem when it names no one or several.</summary>
        private string? PersonId(string typed) => PersonId(typed, "people");

        private string? PersonId(string typed, string field)
        {
            typed = typed.Trim();
            if (typed.Length == 0)
            {
                _problems.Add($"{field}: give a person's id or name");
                return null;
            }

            if (facts.TryGetPerson(typed, out var byId))
            {
                return byId.Id;
            }

            var match = facts.PeopleIndex.Resolve(typed);
            if (match.Kind is NameMatchKind.Exact or NameMatchKind.Partial)
            {
                return match.Items[0].Id;
            }

            var hint = match.Items.Count > 0 ? $" (did you mean {string.Join(", ", match.Items.Take(3).Select(p => p.Id))}?)" : "";
            _problems.Add($"{field}: '{FactYaml.OneLine(typed)}' is no one in the fact base{hint}");
            return null;
        }
    }
}

/// <summary>English or Spanish, from common short words; only for a new source whose page did not say.</summary>
internal static class LanguageGuess
{
    private static readonly HashSet<string> Spanish = new(StringComparer.Ordinal) { "de", "la", "el", "que", "y", "en", "del", "los", "las", "por", "con", "para", "se", "su", "al", "una", "es" };
    private static readonly HashSet<string> English = new(StringComparer.Ordinal) { "the", "of", "and", "to", "in", "on", "for", "with", "is", "as", "by", "at", "its", "from" };

    public static string Of(string text)
    {
        var words = Bot.Core.Text.TextFolding.Tokens(text);
        return words.Count(Spanish.Contains) > words.Count(English.Contains) ? "es" : "en";
    }
}
