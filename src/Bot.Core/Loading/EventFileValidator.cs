using Bot.Core.Facts;

namespace Bot.Core.Loading;

/// <summary><c>events/&lt;id&gt;.yaml</c>: one dated event, with its date and claim variants.</summary>
internal static class EventFileValidator
{
    public static void Validate(FieldReader read, EventFile dto)
    {
        var id = read.Slug("id", dto.Id, FieldReader.MaxIdLength);
        if (id is not null && id != read.File.Stem)
        {
            read.Error("id", $"id '{id}' must match the file name '{read.File.Stem}.yaml'");
        }

        var date = read.Date("date", dto.Date, required: true);
        if (date is { } d)
        {
            if (dto.DatePrecision is not null && !string.Equals(dto.DatePrecision, d.Precision.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                var allowed = dto.DatePrecision is "day" or "month" or "year";
                read.Error("date_precision", allowed
                    ? $"date_precision is '{dto.DatePrecision}' but the date '{dto.Date}' is written to the {d.Precision.ToString().ToLowerInvariant()}"
                    : $"date_precision must be 'day', 'month' or 'year', not '{dto.DatePrecision}'");
            }

            if (id is not null && !id.StartsWith(d + "-", StringComparison.Ordinal))
            {
                read.Error("id", $"event id '{id}' must start with its date '{d}-'");
            }
        }

        var variants = new List<DateVariant>();
        for (var i = 0; i < (dto.DateVariants?.Count ?? 0); i++)
        {
            var entry = dto.DateVariants![i];
            var path = $"date_variants[{i}]";
            if (entry is null)
            {
                read.EmptyItem(path, "date_variants");
                continue;
            }

            var variantDate = read.Date(path + ".date", entry.Date, required: true);
            var variantSources = read.SourceList(path + ".sources", entry.Sources);
            if (variantDate is { } vd && date is { } main && vd == main)
            {
                read.Error(path + ".date", "a date variant must differ from the event's date");
                continue;
            }

            if (variantDate is not null)
            {
                variants.Add(new DateVariant(variantDate.Value, variantSources, read.OptionalText(path + ".note", entry.Note), entry.Note is null ? read.OptionalText(path + ".note_es", entry.NoteEs) : read.Spanish(path + ".note_es", entry.NoteEs)));
            }
        }

        var title = read.RequiredText("title", dto.Title, "title");
        var titleEs = read.Spanish("title_es", dto.TitleEs);
        var summary = read.RequiredText("summary", dto.Summary, "summary");
        var summaryEs = read.Spanish("summary_es", dto.SummaryEs);
        var people = read.References("people", dto.People, ReferenceKind.Person);
        var topics = read.References("topics", dto.Topics, ReferenceKind.Topic);
        var claims = new List<ClaimVariant>();
        for (var i = 0; i < (dto.Variants?.Count ?? 0); i++)
        {
            var entry = dto.Variants![i];
            var path = $"variants[{i}]";
            if (entry is null)
            {
                read.EmptyItem(path, "variants");
                continue;
            }

            var claim = read.RequiredText(path + ".claim", entry.Claim, "claim");
            var claimSources = read.SourceList(path + ".sources", entry.Sources);
            if (claim is not null)
            {
                claims.Add(new ClaimVariant(claim, claimSources, read.Spanish(path + ".claim_es", entry.ClaimEs)));
            }
        }

        if (dto.Variants is { Count: 1 })
        {
            read.Error("variants", "variants record a disagreement: give at least two, each with the sources that say it");
        }

        var sources = read.SourceList("sources", dto.Sources);
        var reviewed = read.Reviewed(dto.Reviewed);
        var asks = read.Asks("asks", dto.Asks);
        var asksEs = read.Asks("asks_es", dto.AsksEs);
        if (id is null || date is null || title is null || summary is null)
        {
            return;
        }

        read.Result.Event = new TimelineEvent(id, date.Value, variants, title, summary, people, topics, claims, sources, reviewed, read.File.RelativePath, titleEs, summaryEs)
        {
            Asks = asks,
            AsksEs = asksEs,
        };
    }
}
