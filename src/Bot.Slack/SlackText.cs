using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Slack;

/// <summary>
/// Slack mrkdwn helpers: escape <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> in all fact and user text (so nothing forms a
/// link, a <c>&lt;!channel&gt;</c> or a user mention), defuse bare <c>@here</c>/<c>@channel</c>/<c>@everyone</c>, and
/// shorten to a limit counted on the escaped text, never cutting an entity or a surrogate pair.
/// </summary>
internal static partial class SlackText
{
    private const string Ellipsis = "…";

    /// <summary>Escapes <paramref name="raw"/> and shortens it so the result is at most <paramref name="max"/> characters.</summary>
    public static string Escape(string? raw, int max)
    {
        if (string.IsNullOrEmpty(raw) || max <= 0)
        {
            return "";
        }

        var text = MassMention().Replace(raw, "@\u2060$1"); // a word joiner keeps "@here" readable but inert
        var escaped = EscapeAll(text);
        if (escaped.Length <= max)
        {
            return escaped;
        }

        var result = new StringBuilder(max);
        var budget = max - Ellipsis.Length;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var piece = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ when char.IsHighSurrogate(c) && i + 1 < text.Length => text.Substring(i, 2),
                _ => null,
            };
            var length = piece?.Length ?? 1;
            if (result.Length + length > budget)
            {
                break;
            }

            if (piece is null)
            {
                result.Append(c);
            }
            else
            {
                result.Append(piece);
                i += piece.Length == 2 && char.IsHighSurrogate(c) ? 1 : 0;
            }
        }

        return result.ToString().TrimEnd() + Ellipsis;
    }

    /// <summary>A mrkdwn link <c>&lt;url|text&gt;</c>, with <paramref name="escapedText"/> already escaped; plain text for
    /// anything that is not an http(s) URL or is too long.</summary>
    public static string Link(Uri? url, string escapedText, int maxUrlLength = 1000)
    {
        if (url is not { IsAbsoluteUri: true } || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return escapedText;
        }

        var safe = url.AbsoluteUri.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "%3C", StringComparison.Ordinal)
            .Replace(">", "%3E", StringComparison.Ordinal)
            .Replace("|", "%7C", StringComparison.Ordinal);
        return safe.Length > maxUrlLength ? escapedText : $"<{safe}|{escapedText}>";
    }

    private static string EscapeAll(string text) =>
        text.AsSpan().IndexOfAny('&', '<', '>') < 0
            ? text
            : text.Replace("&", "&amp;", StringComparison.Ordinal)
                .Replace("<", "&lt;", StringComparison.Ordinal)
                .Replace(">", "&gt;", StringComparison.Ordinal);

    [GeneratedRegex(@"@(here|channel|everyone)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MassMention();
}
