using Bot.Core.Facts;
using Bot.Core.Text;

namespace Bot.Core.Loading;

/// <summary><c>people/&lt;id&gt;.yaml</c>: one person or organization, with roles, status and the names it answers to.</summary>
internal static class PersonFileValidator
{
    public static void Validate(FieldReader read, PersonFile dto)
    {
        var id = read.Slug("id", dto.Id, FieldReader.MaxNameIdLength);
        if (id is not null && id != read.File.Stem)
        {
            read.Error("id", $"id '{id}' must match the file name '{read.File.Stem}.yaml'");
        }

        var kind = dto.Kind switch
        {
            null or "person" => PersonKind.Person,
            "organization" => PersonKind.Organization,
            _ => (PersonKind?)null,
        };
        if (kind is null)
        {
            read.Error("kind", $"kind must be 'person' or 'organization', not '{dto.Kind}'");
        }

        var name = read.RequiredText("name", dto.Name, "name");
        var fullName = read.OptionalText("full_name", dto.FullName);
        var aliases = read.TextList("aliases", dto.Aliases);
        var country = read.RequiredText("country", dto.Country, "country");
        var summary = read.RequiredText("summary", dto.Summary, "summary");
        var summaryEs = read.Spanish("summary_es", dto.SummaryEs);
        var roles = Roles(read, dto.Roles);
        PersonStatus? status = null;
        if (dto.Status is { } s)
        {
            var asOf = read.Date("status.as_of", s.AsOf, required: true);
            var text = read.RequiredText("status.text", s.Text, "text");
            var statusSources = read.SourceList("status.sources", s.Sources);
            status = asOf is null || text is null ? null : new PersonStatus(asOf.Value, text, statusSources, read.Spanish("status.text_es", s.TextEs));
        }

        var sources = read.SourceList("sources", dto.Sources);
        var reviewed = read.Reviewed(dto.Reviewed);
        var asks = read.Asks("asks", dto.Asks);
        var asksEs = read.Asks("asks_es", dto.AsksEs);
        if (id is null || kind is null || name is null || country is null || summary is null)
        {
            return;
        }

        var person = new Person(id, kind.Value, name, fullName, aliases, country, roles, summary, status, sources, reviewed, read.File.RelativePath, summaryEs)
        {
            Asks = asks,
            AsksEs = asksEs,
        };
        read.Result.Person = person;
        var names = new List<(string Name, string Path)> { (person.Id, "id"), (person.Name, "name") };
        if (person.FullName is not null)
        {
            names.Add((person.FullName, "full_name"));
        }

        names.AddRange(person.Aliases.Select((a, i) => (a, $"aliases[{i}]")));
        foreach (var (text, path) in names)
        {
            read.Result.PersonNames.Add(new PersonName(TextFolding.Fold(text), text, path));
        }

        read.Result.RoleTitles.AddRange(roles.Select(r => TextFolding.Fold(r.Title)));
    }

    private static List<Role> Roles(FieldReader read, List<RoleEntry?>? entries)
    {
        var roles = new List<Role>();
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var entry = entries![i];
            var path = $"roles[{i}]";
            if (entry is null)
            {
                read.EmptyItem(path, "roles");
                continue;
            }

            var title = read.RequiredText(path + ".title", entry.Title, "title");
            var from = read.Date(path + ".from", entry.From, required: false);
            var to = read.Date(path + ".to", entry.To, required: false);
            if (from is null && to is null && entry.From is null && entry.To is null)
            {
                read.Error(path, "a role needs 'from:', 'to:' or both (YYYY-MM-DD, YYYY-MM or YYYY)");
                continue;
            }

            var sources = read.SourceList(path + ".sources", entry.Sources);
            if (from is { } f && to is { } t && t.End < f.Start)
            {
                read.Error(path + ".to", $"the role ends ({t}) before it starts ({f})");
                continue;
            }

            if (title is null || (from is null && to is null))
            {
                continue;
            }

            var scheduledTo = read.Date(path + ".scheduled_to", entry.ScheduledTo, required: false);
            if (scheduledTo is not null && to is not null)
            {
                read.Error(path + ".scheduled_to", "'scheduled_to' is for a role still held: remove it once the role has a 'to:' date");
                continue;
            }

            var role = new Role(title, from, to, sources, read.Spanish(path + ".title_es", entry.TitleEs), scheduledTo);
            var clash = roles.FindIndex(r => string.Equals(TextFolding.Fold(r.Title), TextFolding.Fold(title), StringComparison.Ordinal) && Overlap(r, role));
            if (clash >= 0)
            {
                read.Error(path + ".from", $"this '{title}' role overlaps the same role at roles[{clash}]: merge them or fix the dates");
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
}
