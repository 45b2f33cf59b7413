namespace Bot.Core.Asking;

/// <summary>
/// A light stemmer for the two languages the facts and the questions mix (English and Spanish), applied to folded
/// words (lowercase, no accents). It removes one plural and then one inflection or derivation ending, never leaving
/// fewer than four letters, so that word families meet: relations/relaciones → rela, declared/declaracion/declararon →
/// declar, votes/voto/votacion → vot, condenado/condena → conden. It is deliberately conservative: it does not strip
/// "-ar"/"-er"/"-ir" or cut words to a fixed length, so population (popul) and popular stay apart. Cross-language
/// meaning (asylum/asilo, removed/destituido) is left to the synonym groups of <c>vocabulary.yaml</c> (<see cref="AskVocabulary"/>).
/// </summary>
internal static class Stemmer
{
    private const int MinStem = 4;

    // Tried longest first; the first that leaves at least MinStem letters is removed.
    private static readonly string[] Endings =
    [
        "yeron", "ieron", "mente", "ation", "iendo",
        "aron", "ando", "ment",
        "ing", "ado", "ada", "ido", "ida", "ion",
        "ed", "io", "ly",
        "a", "e", "o",
    ];

    /// <summary>The stem of one folded word; numbers and short words are kept as they are.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length < MinStem || !IsLetters(word))
        {
            return word;
        }

        // Spanish -ción/-ciones are the English -tion/-tions.
        if (word.EndsWith("ciones", StringComparison.Ordinal))
        {
            word = string.Concat(word.AsSpan(0, word.Length - 6), "tions");
        }
        else if (word.EndsWith("cion", StringComparison.Ordinal))
        {
            word = string.Concat(word.AsSpan(0, word.Length - 4), "tion");
        }

        // Plurals and the third person: countries → country, relations → relation, consules → consule.
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 5)
        {
            word = string.Concat(word.AsSpan(0, word.Length - 3), "y");
        }
        else if (word.EndsWith("ied", StringComparison.Ordinal) && word.Length > 5)
        {
            return string.Concat(word.AsSpan(0, word.Length - 3), "y"); // denied → deny
        }
        else if (word[^1] == 's' && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal))
        {
            word = word[..^1];
        }

        foreach (var ending in Endings)
        {
            if (word.Length - ending.Length >= MinLeft(word, ending) && word.EndsWith(ending, StringComparison.Ordinal))
            {
                var stem = word[..^ending.Length];
                // stopped → stop, planned → plan (but called, passed keep their double letter).
                if (ending is "ed" or "ing" && stem.Length > MinStem && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z' or 'e' or 'o'))
                {
                    stem = stem[..^1];
                }

                // cited, citing → cite; voted → vote: a three-letter stem of this shape had a final "e" (cite, vote).
                return stem.Length < MinStem && EndsConsonantVowelConsonant(stem) ? stem + "e" : stem;
            }
        }

        return word;
    }

    /// <summary>
    /// How many letters an ending must leave: four, but three (with a vowel) for the English "-ed" and "-ing" of short
    /// verbs, so that their forms meet (ask/asked/asking → ask; see <see cref="Stem"/> for cite/cited).
    /// </summary>
    private static int MinLeft(string word, string ending) =>
        ending is "ed" or "ing" && word.AsSpan(0, Math.Max(0, word.Length - ending.Length)).IndexOfAny(Vowels) >= 0 ? MinStem - 1 : MinStem;

    /// <summary>True for a consonant-vowel-consonant ending (cit, vot), after which English drops a final "e".</summary>
    private static bool EndsConsonantVowelConsonant(string stem) =>
        stem.Length >= 3 && !Vowels.Contains(stem[^3]) && Vowels.Contains(stem[^2]) && !Vowels.Contains(stem[^1]) && stem[^1] is not ('w' or 'x' or 'y');

    private static readonly System.Buffers.SearchValues<char> Vowels = System.Buffers.SearchValues.Create("aeiouy");

    private static bool IsLetters(string word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }
}
