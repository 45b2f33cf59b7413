using Bot.Core.Text;

namespace Bot.Core.Feedback;

/// <summary>
/// The key under which an unanswered question is counted: folded with <see cref="TextFolding.Fold"/> (lowercase,
/// accents and punctuation removed, whitespace collapsed) and capped at <see cref="MaxLength"/> characters, so that
/// "¿Quién es Jerí?" and "quien  es jeri" count as one question.
/// </summary>
public static class QuestionNormalizer
{
    /// <summary>Longest normalized question kept; longer ones are cut at the last word boundary before it.</summary>
    public const int MaxLength = 200;

    /// <summary>The normalized question; empty when nothing countable remains (blank or punctuation only).</summary>
    public static string Normalize(string? question)
    {
        var folded = TextFolding.Fold(question);
        if (folded.Length <= MaxLength)
        {
            return folded;
        }

        var cut = folded.LastIndexOf(' ', MaxLength);
        return cut > MaxLength / 2 ? folded[..cut] : folded[..MaxLength];
    }
}
