using Bot.Core.Facts;

namespace Bot.Core.Loading;

/// <summary><c>sources.yaml</c>: every source the facts cite, each with an https URL (a URL given twice is a warning).</summary>
internal static class SourcesFileValidator
{
    public static void Validate(FieldReader read, SourcesFile dto)
    {
        if (dto.Sources is not { Count: > 0 })
        {
            read.Error("sources", "the file needs a 'sources:' list with at least one source");
            return;
        }

        var urls = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < dto.Sources.Count; i++)
        {
            var path = $"sources[{i}]";
            if (dto.Sources[i] is not { } entry)
            {
                read.EmptyItem(path, "sources");
                continue;
            }

            var (url, id) = AddSource(read, path, entry);
            NoteUrl(read, urls, path, url, id);
        }
    }

    private static (Uri? Url, string? Id) AddSource(FieldReader read, string path, SourceEntry entry)
    {
        var id = read.Slug(path + ".id", entry.Id, FieldReader.MaxIdLength);
        var outlet = read.RequiredText(path + ".outlet", entry.Outlet, "outlet");
        var title = read.RequiredText(path + ".title", entry.Title, "title");
        var url = read.HttpsUrl(path + ".url", entry.Url);
        var published = read.Date(path + ".published", entry.Published, required: true);
        var language = read.Language(path + ".language", entry.Language);
        if (id is not null && outlet is not null && title is not null && url is not null && published is not null && language is not null)
        {
            read.Result.Sources.Add(new(new Source(id, outlet, title, url, published.Value, language), path + ".id"));
        }

        return (url, id);
    }

    /// <summary>Warns when a source's URL is already another source's (sources are matched by URL, ignoring case).</summary>
    private static void NoteUrl(FieldReader read, Dictionary<string, string> urls, string path, Uri? url, string? id)
    {
        if (url is not null && !urls.TryAdd(url.AbsoluteUri, id ?? "?"))
        {
            read.Warning(path + ".url", $"the same URL is already source '{urls[url.AbsoluteUri]}'");
        }
    }
}
