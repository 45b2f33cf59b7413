using System.Text;

namespace Bot.Discord.Rendering;

/// <summary>
/// Makes plain text safe for Discord: in places Discord parses Markdown (titles, descriptions, fields) every
/// formatting character is backslash-escaped, so curated text and user input show literally and cannot form links,
/// mentions (<c>&lt;@id&gt;</c>), spoilers or headings; <c>@everyone</c>/<c>@here</c> get a zero-width space in every place.
/// </summary>
internal static class DiscordMarkdown
{
    public const string Ellipsis = "…";

    private const char ZeroWidthSpace = '\u200B';

    /// <summary>For Markdown contexts: embed title, description, field names and values, message content.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var result = new StringBuilder(text.Length + 16);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\' or '*' or '_' or '~' or '`' or '|' or '<' or '>' or '[' or ']' or '#':
                    result.Append('\\').Append(c);
                    break;
                case '-' or '+' when lineStart:
                    result.Append('\\').Append(c);
                    break;
                case '@':
                    result.Append(c);
                    if (StartsMassMention(text, i + 1))
                    {
                        result.Append(ZeroWidthSpace);
                    }

                    break;
                default:
                    result.Append(c);
                    break;
            }

            lineStart = c == '\n' || (lineStart && c == ' ');
        }

        return result.ToString();
    }

    /// <summary>For plain-text contexts (footer, button labels, autocomplete names): only mass mentions are broken.</summary>
    public static string Neutralize(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Contains('@', StringComparison.Ordinal))
        {
            return text ?? "";
        }

        var result = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            result.Append(text[i]);
            if (text[i] == '@' && StartsMassMention(text, i + 1))
            {
                result.Append(ZeroWidthSpace);
            }
        }

        return result.ToString();
    }

    /// <summary>A URL usable inside <c>[text](url)</c>: characters that would end the link are percent-encoded.</summary>
    public static string LinkTarget(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.AbsoluteUri
            .Replace("(", "%28", StringComparison.Ordinal)
            .Replace(")", "%29", StringComparison.Ordinal)
            .Replace(" ", "%20", StringComparison.Ordinal)
            .Replace("<", "%3C", StringComparison.Ordinal)
            .Replace(">", "%3E", StringComparison.Ordinal);
    }

    /// <summary>
    /// Shortens already-escaped (or plain) text to at most <paramref name="max"/> characters, ending in "…" when cut,
    /// never between a backslash and the character it escapes, nor inside a surrogate pair.
    /// </summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        if (max <= Ellipsis.Length)
        {
            return max <= 0 ? "" : Ellipsis[..max];
        }

        var cut = max - Ellipsis.Length;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        // An odd run of backslashes before the cut means the last one escapes the first dropped character.
        var slashes = 0;
        while (cut - 1 - slashes >= 0 && text[cut - 1 - slashes] == '\\')
        {
            slashes++;
        }

        if (slashes % 2 == 1)
        {
            cut--;
        }

        return text[..cut].TrimEnd() + Ellipsis;
    }

    private static bool StartsMassMention(string text, int index) =>
        string.Compare(text, index, "everyone", 0, 8, StringComparison.OrdinalIgnoreCase) == 0
        || string.Compare(text, index, "here", 0, 4, StringComparison.OrdinalIgnoreCase) == 0;
}
