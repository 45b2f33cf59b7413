using Bot.Core.Asking;
using Bot.Core.Facts;
using Bot.Core.Text;

namespace Bot.Core.Loading;

/// <summary>
/// <c>vocabulary.yaml</c>: the words /ask reads questions with (see the comments at the top of the file). Refuses what
/// would quietly hurt answers: a "word" the bot reads as several (or none), a word listed twice, a group of fewer than
/// two words, a word (or another form of it: the bot compares words by their stem) in two synonym groups without
/// saying it has two meanings, a phrase of one word or a phrase with no meaning, and lists long enough to slow every
/// question down.
/// </summary>
internal static class VocabularyFileValidator
{
    /// <summary>The warning for a fact folder without a vocabulary: the facts still serve, /ask reads questions worse.</summary>
    public const string Missing =
        "no vocabulary.yaml: /ask reads questions without synonyms, phrases or ignored words and will answer 'not sure' far more often; copy facts/vocabulary.yaml from the repository";

    /// <summary>Each question word is searched with every stem of its group: a bigger group makes every search bigger.</summary>
    internal const int MaxGroupWords = 40;

    internal const int MaxGroups = 400;

    /// <summary>The most words in one list (<c>ignored:</c>, <c>quote_words:</c>…).</summary>
    internal const int MaxListWords = 600;

    internal const int MaxPhrases = 500;

    internal const int MaxPhraseWords = 6;

    /// <summary>The most words a phrase may stand for.</summary>
    internal const int MaxMeansWords = 4;

    internal const int MaxWordLength = 40;

    public static void Validate(FieldReader read, VocabularyFile dto)
    {
        var twoMeanings = WordList(read, "two_meanings", dto.TwoMeanings);
        var synonyms = Synonyms(read, dto.Synonyms, twoMeanings);
        read.Result.Vocabulary = new Vocabulary(
            WordList(read, "ignored", dto.Ignored),
            WordList(read, "person_words", dto.PersonWords),
            WordList(read, "quote_words", dto.QuoteWords),
            WordList(read, "position_words", dto.PositionWords),
            WordList(read, "current_words", dto.CurrentWords),
            synonyms,
            Phrases(read, dto.Phrases));
    }

    /// <summary>A list of single words, folded; each problem reported at its word.</summary>
    private static List<string> WordList(FieldReader read, string key, List<string?>? values)
    {
        var words = new List<string>();
        if (values is null)
        {
            return words;
        }

        if (values.Count > MaxListWords)
        {
            read.Error(key, $"'{key}' lists {values.Count} words: at most {MaxListWords}");
            return words;
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            var path = $"{key}[{i}]";
            if (Word(read, path, values[i], key) is not { } word)
            {
                continue;
            }

            if (seen.TryGetValue(word, out var first))
            {
                read.Error(path, $"'{values[i]}' is listed twice in '{key}' (first at line {Line(read, first)})");
                continue;
            }

            seen[word] = path;
            words.Add(word);
        }

        return words;
    }

    private static List<IReadOnlyList<string>> Synonyms(FieldReader read, List<List<string?>?>? groups, List<string> twoMeanings)
    {
        var result = new List<IReadOnlyList<string>>();
        if (groups is null)
        {
            return result;
        }

        if (groups.Count > MaxGroups)
        {
            read.Error("synonyms", $"'synonyms' has {groups.Count} groups: at most {MaxGroups}");
            return result;
        }

        // Which group each stem is in first, and where: a question word is looked up by its stem.
        var owners = new Dictionary<string, (int Group, string Word, string Path)>(StringComparer.Ordinal);
        var shared = twoMeanings.Select(Stemmer.Stem).ToHashSet(StringComparer.Ordinal);
        var sharedGroups = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
            var groupPath = $"synonyms[{g}]";
            var group = groups[g];
            if (group is not { Count: >= 2 })
            {
                read.Error(groupPath, group is null or { Count: 0 }
                    ? "empty synonym group: list two or more words that mean the same thing, or remove the line"
                    : "a synonym group needs two or more words that mean the same thing");
                continue;
            }

            if (group.Count > MaxGroupWords)
            {
                read.Error(groupPath, $"this synonym group has {group.Count} words: at most {MaxGroupWords} (every word of a group is searched for each of them)");
                continue;
            }

            var words = new List<string>();
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < group.Count; i++)
            {
                var path = $"{groupPath}[{i}]";
                if (Word(read, path, group[i], "a synonym group") is not { } word)
                {
                    continue;
                }

                if (seen.TryGetValue(word, out var first))
                {
                    read.Error(path, $"'{group[i]}' is listed twice in this group (first at line {Line(read, first)})");
                    continue;
                }

                seen[word] = path;
                words.Add(word);
                var stem = Stemmer.Stem(word);
                if (!owners.TryGetValue(stem, out var owner))
                {
                    owners[stem] = (g, word, path);
                }
                else if (owner.Group != g)
                {
                    if (shared.Contains(stem))
                    {
                        if (!sharedGroups.TryGetValue(stem, out var both))
                        {
                            sharedGroups[stem] = both = [];
                        }

                        both.UnionWith([owner.Group, g]);
                    }
                    else
                    {
                        var same = owner.Word == word ? "" : $" as '{owner.Word}' (the bot reads both as '{stem}')";
                        read.Error(path, $"'{word}' is already in the synonym group at line {Line(read, owner.Path)}{same}: a word belongs to one group; " +
                            "if it really means two different things here, list it under 'two_meanings'");
                    }
                }
            }

            result.Add(words);
        }

        for (var i = 0; i < twoMeanings.Count; i++)
        {
            if (!sharedGroups.ContainsKey(Stemmer.Stem(twoMeanings[i])))
            {
                read.Warning($"two_meanings[{i}]", $"'{twoMeanings[i]}' is not in two synonym groups: remove it from 'two_meanings'");
            }
        }

        return result;
    }

    private static List<VocabularyPhrase> Phrases(FieldReader read, Dictionary<string, string?>? phrases)
    {
        var result = new List<VocabularyPhrase>();
        if (phrases is null)
        {
            return result;
        }

        if (phrases.Count > MaxPhrases)
        {
            read.Error("phrases", $"'phrases' has {phrases.Count} phrases: at most {MaxPhrases}");
            return result;
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (phrase, meaning) in phrases)
        {
            var path = $"phrases.{phrase}";
            var words = TextFolding.Tokens(phrase);
            if (words.Length < 2)
            {
                read.Error(path + "#key", words.Length == 0
                    ? $"'{phrase}' has no words"
                    : $"'{phrase}' is one word: a phrase has two or more (put a single word in the synonym group of the word it means)");
                continue;
            }

            if (words.Length > MaxPhraseWords || words.Any(w => w.Length > MaxWordLength))
            {
                read.Error(path + "#key", $"'{phrase}' is too long: a phrase has at most {MaxPhraseWords} words of at most {MaxWordLength} letters");
                continue;
            }

            var folded = string.Join(' ', words);
            if (seen.TryGetValue(folded, out var first))
            {
                read.Error(path + "#key", $"'{phrase}' is given twice (first at line {Line(read, first)}; the bot reads both as '{folded}')");
                continue;
            }

            seen[folded] = path + "#key";
            var means = TextFolding.Tokens(meaning);
            if (means.Length == 0)
            {
                read.Error(path, $"'{phrase}' has no meaning: write the words the facts use for it");
                continue;
            }

            if (means.Length > MaxMeansWords || means.Any(w => w.Length > MaxWordLength))
            {
                read.Error(path, $"what '{phrase}' means is too long: at most {MaxMeansWords} words of at most {MaxWordLength} letters");
                continue;
            }

            result.Add(new VocabularyPhrase(words, means));
        }

        return result;
    }

    /// <summary>
    /// One word as the bot reads it: folded (lowercase, no accents, as questions are); null, with an error, when it is
    /// empty, too long, or more than one word to the bot ("took over", "d'affaires").
    /// </summary>
    private static string? Word(FieldReader read, string path, string? value, string where)
    {
        var tokens = TextFolding.Tokens(value);
        if (tokens.Length == 0)
        {
            read.Error(path, string.IsNullOrWhiteSpace(value) ? $"empty word in {Where(where)}" : $"'{value}' has no letters or digits");
            return null;
        }

        if (tokens.Length > 1)
        {
            read.Error(path, $"'{value}' is {tokens.Length} words to the bot ('{string.Join("', '", tokens)}'): {Where(where)} holds single words; put a phrase under 'phrases'");
            return null;
        }

        if (tokens[0].Length > MaxWordLength)
        {
            read.Error(path, $"'{value}' is longer than {MaxWordLength} letters");
            return null;
        }

        return tokens[0];
    }

    private static string Where(string where) => where.Contains(' ', StringComparison.Ordinal) ? where : $"'{where}'";

    private static int Line(FieldReader read, string path) => read.File.Positions.Of(path).Line;
}
