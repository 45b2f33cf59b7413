namespace Bot.Core.Text;

/// <summary>Short forms of longer text for one-line lists and titles, and plain word matching on folded text.</summary>
public static class TextSnippets
{
    /// <summary>The first sentence of a summary, for one-line list entries.</summary>
    public static string FirstSentence(string text) => Sentences(text)[0];

    /// <summary>
    /// The sentences of a text, on one line each: ". X" ends a sentence unless the full stop closes an initial or an
    /// abbreviation such as "U.S." or "J.". Always at least one (the whole text, possibly empty).
    /// </summary>
    public static IReadOnlyList<string> Sentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flat = text.ReplaceLineEndings(" ").Trim();
        var sentences = new List<string>();
        var start = 0;
        for (var i = start + 3; i + 2 < flat.Length; i++)
        {
            var endsSentence = flat[i] == '.' && flat[i + 1] == ' ' && char.IsUpper(flat[i + 2]);
            var closesInitial = char.IsUpper(flat[i - 1]) && (flat[i - 2] is ' ' or '.');
            if (endsSentence && !closesInitial && i - start >= 3)
            {
                sentences.Add(flat[start..(i + 1)]);
                start = i + 2;
            }
        }

        sentences.Add(flat[start..]);
        return sentences;
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
