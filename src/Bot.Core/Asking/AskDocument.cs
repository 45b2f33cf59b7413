using Bot.Core.Facts;

namespace Bot.Core.Asking;

public enum AskDocumentKind
{
    Event,
    Quote,
    Person,
    Position,
}

/// <summary>One fact as the free-text index sees it: the words it is found by, and what it is about.</summary>
internal sealed record AskDocument(
    int Key,
    AskDocumentKind Kind,
    string FactId,
    PartialDate? Date,
    string Title,
    string Body,
    string Names,
    IReadOnlyList<string> People,
    bool IsOrganization = false,
    Person? Person = null)
{
    /// <summary>The stems of all searchable words, for measuring how much of a question a fact covers.</summary>
    public required HashSet<string> Stems { get; init; }

    /// <summary>A crude language-neutral stem: no plural s, then the first five letters (relations → relat, laws → law).</summary>
    public static string Stem(string word)
    {
        if (word.Length > 3 && word[^1] == 's')
        {
            word = word[..^1];
        }

        return word.Length <= 5 ? word : word[..5];
    }
}
