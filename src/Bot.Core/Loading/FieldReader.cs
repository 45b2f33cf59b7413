using System.Text.RegularExpressions;
using Bot.Core.Facts;

namespace Bot.Core.Loading;

/// <summary>
/// Reads the values of one parsed fact file the way every kind of file needs them (ids, text, Spanish text, dates,
/// URLs, source and other references), reporting each problem at the value's line and column into the file's
/// <see cref="FileFacts"/>. One instance per file; the per-kind validators (<see cref="PersonFileValidator"/> and the
/// rest) build on it.
/// </summary>
internal sealed partial class FieldReader(ParsedFile file)
{
    /// <summary>People and topic ids travel inside page tokens and Discord custom ids, so they stay short.</summary>
    internal const int MaxNameIdLength = 28;

    internal const int MaxIdLength = 80;

    /// <summary>The longest example question (<c>asks:</c>) a fact may list.</summary>
    internal const int MaxAskLength = 200;

    public ParsedFile File { get; } = file;

    /// <summary>What the file contributes: its facts, its problems, and what the whole-base checks need.</summary>
    public FileFacts Result { get; } = new(file);

    public List<string> SourceList(string path, List<string>? ids)
    {
        if (ids is not { Count: > 0 })
        {
            Error(path, $"missing sources: every fact cites at least one source id from sources.yaml ({path})");
            return [];
        }

        var list = References(path, ids, ReferenceKind.Source);
        Result.CitedSources.AddRange(list);
        return list;
    }

    public List<string> References(string path, List<string>? ids, ReferenceKind kind)
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
            Result.References.Add(new($"{path}[{i}]", kind, id));
        }

        return list;
    }

    public string? Slug(string path, string? value, int maxLength)
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

    public string? RequiredText(string path, string? value, string name)
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
    public string? Spanish(string path, string? value)
    {
        if (value is null)
        {
            // Located at the English text it would translate, since the key itself is not there.
            Warning(path[..^"_es".Length], $"no Spanish text: add '{LastKey(path)}' (written by a curator, never machine-translated)");
            return null;
        }

        return OptionalText(path, value);
    }

    public string? OptionalText(string path, string? value)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            Error(path, $"'{LastKey(path)}' is empty: remove the key or give it a value");
            return null;
        }

        return value?.Trim();
    }

    public List<string> TextList(string path, List<string>? values)
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

    /// <summary>
    /// A fact's example questions (<c>asks:</c>, <c>asks_es:</c>): short questions a member would type that the fact
    /// answers. /ask matches them; no answer ever shows them.
    /// </summary>
    public List<string> Asks(string path, List<string>? values)
    {
        var list = new List<string>();
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var value = values![i];
            if (string.IsNullOrWhiteSpace(value))
            {
                Error($"{path}[{i}]", $"empty question in '{LastKey(path)}': write a question this fact answers, or remove the line");
            }
            else if (value.Trim().Length > MaxAskLength)
            {
                Error($"{path}[{i}]", $"question in '{LastKey(path)}' is {value.Trim().Length} characters long: keep it to {MaxAskLength} (a question as a member would type it)");
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

    public PartialDate? Date(string path, string? value, bool required)
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

    public DateOnly? Reviewed(string? value, string path = "reviewed")
    {
        var date = Date(path, value, required: false);
        if (date is { Precision: not DatePrecision.Day })
        {
            Error(path, "'reviewed' must be a full date (YYYY-MM-DD)");
            return null;
        }

        if (date is { } reviewed)
        {
            Result.Reviewed.Add(new(reviewed, path)); // whether it is stale depends on the day of the load
        }

        return date?.Start;
    }

    public Uri? HttpsUrl(string path, string? value)
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

    public string? Language(string path, string? value)
    {
        if (value is null || !LanguagePattern().IsMatch(value))
        {
            Error(path, value is null ? "missing 'language' (a two-letter code such as en or es)" : $"'{value}' is not a two-letter language code");
            return null;
        }

        return value;
    }

    /// <summary>A bare <c>-</c> (or <c>- ~</c>) where a list expects a mapping.</summary>
    public void EmptyItem(string path, string list) => Error(path, $"empty item in '{list}': each item needs its keys");

    private static string LastKey(string path)
    {
        var cut = path.LastIndexOf('.');
        return cut < 0 ? path : path[(cut + 1)..];
    }

    public void Error(string path, string message) => Add(path, FactIssueSeverity.Error, message);

    public void Warning(string path, string message) => Add(path, FactIssueSeverity.Warning, message);

    private void Add(string path, FactIssueSeverity severity, string message)
    {
        var (line, column) = File.Positions.Of(path);
        Result.Issues.Add(new FactIssue(File.DisplayPath, line, column, severity, message));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
