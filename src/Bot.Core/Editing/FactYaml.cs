using System.Globalization;
using System.Text;
using Bot.Core.Text;

namespace Bot.Core.Editing;

/// <summary>
/// Writes what a moderator typed into fact files in the style of the existing ones: free text as double-quoted
/// scalars (everything escaped, so no input can change the file's structure), ids and dates plain, lists in flow
/// style. Appends and in-place replacements touch only their own lines; the rest of a file stays byte for byte.
/// </summary>
internal static class FactYaml
{
    /// <summary>A double-quoted YAML scalar of <paramref name="text"/> on one line.</summary>
    public static string Quote(string text)
    {
        var result = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    result.Append("\\\"");
                    break;
                case '\\':
                    result.Append("\\\\");
                    break;
                case '\n':
                    result.Append("\\n");
                    break;
                case '\t':
                    result.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format)
                    {
                        result.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        result.Append(c);
                    }

                    break;
            }
        }

        return result.Append('"').ToString();
    }

    /// <summary>An id or date as a plain scalar when it is made only of safe characters; quoted otherwise.</summary>
    public static string Plain(string value) =>
        value.Length > 0 && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && !value.StartsWith('-') ? value : Quote(value);

    /// <summary>A flow list: <c>[a, b]</c>.</summary>
    public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Plain)) + "]";

    /// <summary>One line of text: runs of whitespace (line breaks included) become single spaces.</summary>
    public static string OneLine(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Lowercase ASCII words joined by hyphens, at most <paramref name="maxLength"/> characters, cut at a word.</summary>
    public static string Slug(string? text, int maxLength, int maxWords = int.MaxValue)
    {
        var slug = new StringBuilder();
        foreach (var word in TextFolding.Tokens(text).Take(maxWords))
        {
            var clean = new string([.. word.Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))]);
            if (clean.Length == 0)
            {
                continue;
            }

            if (slug.Length + clean.Length + (slug.Length > 0 ? 1 : 0) > maxLength)
            {
                break;
            }

            slug.Append(slug.Length > 0 ? "-" : "").Append(clean);
        }

        return slug.ToString();
    }

    /// <summary><paramref name="current"/> with <paramref name="entry"/> appended after its last line.</summary>
    public static string Append(string current, string entry) =>
        current.Length == 0 || current.EndsWith('\n') ? current + entry : current + "\n" + entry;

    /// <summary>
    /// Replaces the value of the key at <paramref name="keys"/> (top-level key, or a key inside a top-level mapping)
    /// with <paramref name="value"/> on one line, removing the old value's continuation lines; nothing else changes.
    /// </summary>
    /// <exception cref="FactEditConflictException">The key is not in the file.</exception>
    public static string ReplaceValue(string text, string path, IReadOnlyList<string> keys, string value)
    {
        var lines = text.Split('\n').ToList();
        var start = 0;
        var end = lines.Count;
        var indent = 0;
        var found = -1;
        for (var depth = 0; depth < keys.Count; depth++)
        {
            found = FindKey(lines, start, end, indent, keys[depth]);
            if (found < 0)
            {
                throw new FactEditConflictException($"{path} has no '{string.Join('.', keys)}' to replace; it may have been changed meanwhile");
            }

            start = found + 1;
            end = ValueEnd(lines, found, indent);
            indent += 2;
        }

        var keyIndent = indent - 2;
        var last = ValueEnd(lines, found, keyIndent);
        while (last > found + 1 && string.IsNullOrWhiteSpace(lines[last - 1]))
        {
            last--;
        }

        lines.RemoveRange(found, last - found);
        lines.Insert(found, new string(' ', keyIndent) + keys[^1] + ": " + value);
        return string.Join('\n', lines);
    }

    private static int FindKey(List<string> lines, int start, int end, int indent, string key)
    {
        var prefix = new string(' ', indent) + key + ":";
        for (var i = start; i < end; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.StartsWith(prefix, StringComparison.Ordinal) && (line.Length == prefix.Length || line[prefix.Length] == ' '))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index after the last line of the value that starts on line <paramref name="keyLine"/>.</summary>
    private static int ValueEnd(List<string> lines, int keyLine, int keyIndent)
    {
        var i = keyLine + 1;
        while (i < lines.Count && (string.IsNullOrWhiteSpace(lines[i]) || Indent(lines[i]) > keyIndent))
        {
            i++;
        }

        return i;
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;
}
