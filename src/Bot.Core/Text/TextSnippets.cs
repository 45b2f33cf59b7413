namespace Bot.Core.Text;

/// <summary>Short forms of longer text for one-line lists and titles, and plain word matching on folded text.</summary>
public static class TextSnippets
{
    /// <summary>The first sentence of a summary, for one-line list entries.</summary>
    public static string FirstSentence(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flat = text.ReplaceLineEndings(" ").Trim();
        for (var i = 3; i + 2 < flat.Length; i++)
        {
            // ". X" ends a sentence, unless the full stop closes an initial or an abbreviation such as "U.S." or "J.".
            var endsSentence = flat[i] == '.' && flat[i + 1] == ' ' && char.IsUpper(flat[i + 2]);
            var closesInitial = char.IsUpper(flat[i - 1]) && (flat[i - 2] is ' ' or '.');
            if (endsSentence && !closesInitial)
            {
                return flat[..(i + 1)];
            }
        }

        return flat;
    }

    /// <summary>The text on one line, cut to at most <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Trim(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = text.ReplaceLineEndings(" ").Trim();
        return folded.Length <= max ? folded : folded[..(max - 1)].TrimEnd() + "…";
    }

    /// <summary>True when every word starts a word of the folded text.</summary>
    public static bool MatchesWords(string folded, IReadOnlyList<string> words) =>
        words.All(w => (" " + folded + " ").Contains(" " + w, StringComparison.Ordinal));

    /// <summary>The distinct folded words of a keyword, one letter words left out.</summary>
    public static string[] KeywordTokens(string? keyword) =>
        [.. TextFolding.Tokens(keyword).Where(t => t.Length > 1).Distinct(StringComparer.Ordinal)];
}
