using Bot.Core.Facts;

namespace Bot.Core.Loading;

/// <summary><c>quotes/&lt;speaker&gt;.yaml</c>: one speaker's quotes, verbatim with context and language.</summary>
internal static class QuotesFileValidator
{
    public static void Validate(FieldReader read, QuotesFile dto)
    {
        var speaker = read.Slug("speaker", dto.Speaker, FieldReader.MaxNameIdLength);
        if (speaker is not null)
        {
            read.Result.References.Add(new("speaker", ReferenceKind.Person, speaker));
            if (speaker != read.File.Stem)
            {
                read.Error("speaker", $"speaker '{speaker}' must match the file name '{read.File.Stem}.yaml'");
            }
        }

        if (dto.Quotes is not { Count: > 0 })
        {
            read.Error("quotes", "the file needs a 'quotes:' list with at least one quote");
            return;
        }

        for (var i = 0; i < dto.Quotes.Count; i++)
        {
            var entry = dto.Quotes[i];
            var path = $"quotes[{i}]";
            if (entry is null)
            {
                read.EmptyItem(path, "quotes");
                continue;
            }

            var id = read.Slug(path + ".id", entry.Id, FieldReader.MaxIdLength);
            var date = read.Date(path + ".date", entry.Date, required: true);
            var text = read.RequiredText(path + ".text", entry.Text, "text");
            var language = read.Language(path + ".language", entry.Language);
            if (entry.Translated is null)
            {
                read.Error(path, "missing 'translated:' (true when the text is a translation of what was said)");
            }

            var context = read.RequiredText(path + ".context", entry.Context, "context");
            var topics = read.References(path + ".topics", entry.Topics, ReferenceKind.Topic);
            var sources = read.SourceList(path + ".sources", entry.Sources);
            var reviewed = read.Reviewed(entry.Reviewed, path + ".reviewed");
            var asks = read.Asks(path + ".asks", entry.Asks);
            var asksEs = read.Asks(path + ".asks_es", entry.AsksEs);
            if (speaker is null || id is null || date is null || text is null || language is null || context is null || entry.Translated is null)
            {
                continue;
            }

            read.Result.Quotes.Add(new(new Quote(id, speaker, date.Value, text, language, entry.Translated.Value, context, topics, sources, reviewed, read.File.RelativePath, read.Spanish(path + ".context_es", entry.ContextEs))
            {
                Asks = asks,
                AsksEs = asksEs,
            }, path + ".id"));
        }
    }
}
