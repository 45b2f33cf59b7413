namespace Bot.Core.Facts;

/// <summary>
/// The words /ask reads questions with, from <c>vocabulary.yaml</c>, in English and Spanish, every word folded
/// (lowercase, no accents): words that carry no meaning in a question, words that say what kind of fact is asked for,
/// groups of words that mean the same thing here (asylum/asilo, break/sever/ruptura…), and phrases people use for what
/// the facts say in other words ("locked up" for detained). Validated data; the lookups /ask needs are built from it
/// once per snapshot.
/// </summary>
public sealed class Vocabulary(
    IReadOnlyList<string> ignored,
    IReadOnlyList<string> personWords,
    IReadOnlyList<string> quoteWords,
    IReadOnlyList<string> positionWords,
    IReadOnlyList<string> currentWords,
    IReadOnlyList<IReadOnlyList<string>> synonyms,
    IReadOnlyList<VocabularyPhrase> phrases)
{
    /// <summary>No words at all: what a fact folder without <c>vocabulary.yaml</c> gets.</summary>
    public static Vocabulary Empty { get; } = new([], [], [], [], [], [], []);

    /// <summary>Words that carry no meaning in a question ("the", "what", "de"): never searched.</summary>
    public IReadOnlyList<string> Ignored { get; } = ignored;

    /// <summary>Words that ask for a person ("who", "quién").</summary>
    public IReadOnlyList<string> PersonWords { get; } = personWords;

    /// <summary>Words that ask for what someone said ("say", "dijo").</summary>
    public IReadOnlyList<string> QuoteWords { get; } = quoteWords;

    /// <summary>Words that ask for each side's position ("stance", "postura").</summary>
    public IReadOnlyList<string> PositionWords { get; } = positionWords;

    /// <summary>Words that ask about the present state of things ("still", "ahora").</summary>
    public IReadOnlyList<string> CurrentWords { get; } = currentWords;

    /// <summary>Groups of words that mean the same thing here; a word (by its stem) may sit in two only on purpose.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Synonyms { get; } = synonyms;

    /// <summary>Phrases of two or more words and the words they stand for.</summary>
    public IReadOnlyList<VocabularyPhrase> Phrases { get; } = phrases;
}

/// <summary>A phrase people use ("took over"), as folded words, and the words the facts use for it ("took").</summary>
public sealed record VocabularyPhrase(IReadOnlyList<string> Words, IReadOnlyList<string> Means);
