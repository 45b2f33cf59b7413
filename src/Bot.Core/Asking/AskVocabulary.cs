using System.Runtime.CompilerServices;
using Bot.Core.Facts;

namespace Bot.Core.Asking;

/// <summary>
/// A snapshot's <see cref="Vocabulary"/> (from <c>vocabulary.yaml</c>) as /ask looks it up: sets of the ignored and
/// intent words, each stem's synonyms, the phrases by their first word. Built once per vocabulary, shared by the
/// snapshot's indexes, immutable, so any number of questions read it at once.
/// </summary>
internal sealed class AskVocabulary
{
    private static readonly ConditionalWeakTable<Vocabulary, AskVocabulary> Built = [];
    private static readonly string[] DurationWords = ["year", "month", "week", "day", "hour", "minute", "ano", "mes", "semana", "dia", "hora", "minuto"];
    private static readonly string[] AgeWords = ["year", "old"];

    private readonly HashSet<string> _ignored;
    private readonly HashSet<string> _current;
    private readonly HashSet<string> _quote;
    private readonly HashSet<string> _person;
    private readonly HashSet<string> _position;
    private readonly Dictionary<string, string[]> _groups;

    /// <summary>The phrases by their first word, longest first (the longest phrase written at a place is read).</summary>
    private readonly Dictionary<string, VocabularyPhrase[]> _phrases;

    private readonly Vocabulary _vocabulary;

    private AskVocabulary(Vocabulary vocabulary)
    {
        _vocabulary = vocabulary;
        _ignored = new(vocabulary.Ignored, StringComparer.Ordinal);
        _current = new(vocabulary.CurrentWords, StringComparer.Ordinal);
        _quote = new(vocabulary.QuoteWords, StringComparer.Ordinal);
        _person = new(vocabulary.PersonWords, StringComparer.Ordinal);
        _position = new(vocabulary.PositionWords, StringComparer.Ordinal);
        _groups = Groups(vocabulary.Synonyms);
        _phrases = vocabulary.Phrases
            .Where(p => p.Words.Count > 0)
            .GroupBy(p => p.Words[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Words.Count).ToArray(), StringComparer.Ordinal);

        // The units a number must be given in after "how long" / "¿cuánto tiempo?" and "how old" / "¿qué edad?".
        Durations = [.. DurationWords.SelectMany(w => Expand(AskDocument.Stem(w))).Distinct(StringComparer.Ordinal)];
        Age = [.. AgeWords.SelectMany(w => Expand(AskDocument.Stem(w))).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The lookups of <paramref name="vocabulary"/>, built on first use and kept as long as it is.</summary>
    public static AskVocabulary For(Vocabulary vocabulary) => Built.GetValue(vocabulary, v => new AskVocabulary(v));

    /// <summary>Stems of units of time, with their synonyms.</summary>
    public string[] Durations { get; }

    /// <summary>Stems of "years old", with their synonyms.</summary>
    public string[] Age { get; }

    /// <summary>Every word the vocabulary names (ignored, intent words, synonyms, phrases), for spelling correction.</summary>
    public IEnumerable<string> Words =>
        _vocabulary.Ignored.Concat(_vocabulary.CurrentWords).Concat(_vocabulary.QuoteWords).Concat(_vocabulary.PersonWords).Concat(_vocabulary.PositionWords)
            .Concat(_vocabulary.Synonyms.SelectMany(g => g)).Concat(_vocabulary.Phrases.SelectMany(p => p.Words.Concat(p.Means)));

    /// <summary>A word that carries no meaning in a question.</summary>
    public bool IsIgnored(string word) => _ignored.Contains(word);

    /// <summary>A word that asks about the present state of things ("is she still…", "¿sigue…?", "now").</summary>
    public bool IsCurrentWord(string word) => _current.Contains(word);

    public bool IsQuoteWord(string word) => _quote.Contains(word);

    public bool IsPersonWord(string word) => _person.Contains(word);

    public bool IsPositionWord(string word) => _position.Contains(word);

    /// <summary>Words that only say what kind of fact is wanted; they are not searched for.</summary>
    public bool IsIntentWord(string word) => _quote.Contains(word) || _person.Contains(word) || _position.Contains(word);


    /// <summary>The stem and the stems of the words that mean the same here (a stem in two groups gets both).</summary>
    public IReadOnlyList<string> Expand(string stem) => _groups.TryGetValue(stem, out var group) ? group : [stem];

    /// <summary>The folded words of a question with the phrases it uses replaced by what they mean.</summary>
    public string[] Rewrite(string[] tokens)
    {
        List<string>? rewritten = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            var replaced = false;
            if (_phrases.TryGetValue(tokens[i], out var candidates))
            {
                foreach (var phrase in candidates)
                {
                    if (i + phrase.Words.Count <= tokens.Length && Matches(tokens, i, phrase.Words))
                    {
                        rewritten ??= [.. tokens.Take(i)];
                        rewritten.AddRange(phrase.Means);
                        i += phrase.Words.Count - 1;
                        replaced = true;
                        break;
                    }
                }
            }

            if (!replaced)
            {
                rewritten?.Add(tokens[i]);
            }
        }

        return rewritten is null ? tokens : [.. rewritten];
    }

    private static bool Matches(string[] tokens, int start, IReadOnlyList<string> words)
    {
        for (var j = 1; j < words.Count; j++)
        {
            if (!string.Equals(tokens[start + j], words[j], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>For each stem of a group's words: itself first, then every stem of every group it is in, in order.</summary>
    private static Dictionary<string, string[]> Groups(IReadOnlyList<IReadOnlyList<string>> synonyms)
    {
        var sets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var group in synonyms)
        {
            var stems = group.Select(Stemmer.Stem).ToHashSet(StringComparer.Ordinal);
            foreach (var stem in stems)
            {
                if (!sets.TryGetValue(stem, out var set))
                {
                    sets[stem] = set = new HashSet<string>(StringComparer.Ordinal) { stem };
                }

                set.UnionWith(stems);
            }
        }

        // The stem itself first, so the word as asked leads its synonyms.
        return sets.ToDictionary(p => p.Key, p => new[] { p.Key }.Concat(p.Value.Where(s => s != p.Key).Order(StringComparer.Ordinal)).ToArray(), StringComparer.Ordinal);
    }
}
