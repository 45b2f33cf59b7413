using Bot.Core.Facts;

namespace Bot.Core.Asking;

public enum AskDocumentKind
{
    Event,
    Quote,
    Person,
    Position,
}

/// <summary>One fact as the free-text index sees it: the stems it is found by, and what it is about.</summary>
internal sealed record AskDocument(
    int Key,
    AskDocumentKind Kind,
    string FactId,
    PartialDate? Date,
    IReadOnlyList<string> People,
    bool IsOrganization = false,
    Person? Person = null)
{
    /// <summary>The stems of all searchable words, for measuring how much of a question a fact covers.</summary>
    public required HashSet<string> Stems { get; init; }

    /// <summary>The stems of the title (an event's headline, a quote's speaker and words, a person's name and roles).</summary>
    public required HashSet<string> TitleStems { get; init; }

    /// <summary>
    /// What the fact's own text counts: the stems of the words after each number that is not a day or a year ("64
    /// votes" → vot, "34 years" → year). Empty when it gives no quantity.
    /// </summary>
    public HashSet<string> Counted { get; init; } = [];

    /// <summary>The stem of a folded word (see <see cref="Stemmer"/>).</summary>
    public static string Stem(string word) => Stemmer.Stem(word);
}
