using System.Globalization;
using System.Text;

namespace Bot.Core.Text;

/// <summary>
/// Text from a file name, a fact file or a user, made safe for one log line: control characters (C0, DEL, C1: ESC,
/// CR, LF…) and the Unicode direction overrides become <c>\u001b</c>-style escapes, so nothing can recolour, clear or
/// rewrite a terminal, or forge a second log line.
/// </summary>
public static class LogText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(NeedsEscape))
        {
            return text ?? "";
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
