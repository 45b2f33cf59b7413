using Bot.Core.Text;

namespace Bot.Core.Asking;

/// <summary>
/// Corrects a misspelled question word ("ambasador", "asilum", "happend") to a word the facts or the vocabulary use,
/// when it is one edit away from it: a letter left out, added, changed or two letters swapped; a long word also when
/// it is two edits away and one letter is left out of each (a letter changed and one too many elsewhere). Built once
/// per index from its words: each known word with one letter left out points back to the word, so a lookup costs a
/// handful of dictionary reads, not a comparison with every word.
/// </summary>
internal sealed class Spelling
{
    /// <summary>Shorter words are left alone: at four letters nearly every word is one edit from another.</summary>
    public const int MinLength = 5;

    /// <summary>From this length a word may be two edits from the one meant.</summary>
    private const int TwoEditsFrom = 8;

    private readonly HashSet<string> _words;
    private readonly Dictionary<string, List<string>> _deletes = new(StringComparer.Ordinal);
    private readonly Func<string, int> _frequency;

    /// <param name="words">The folded words to correct to.</param>
    /// <param name="frequency">How many facts use a word (or its synonyms): of two equally close words, the commoner wins.</param>
    public Spelling(IEnumerable<string> words, Func<string, int> frequency)
    {
        _words = words.Where(w => w.Length >= MinLength - 1 && !w.Any(char.IsAsciiDigit)).ToHashSet(StringComparer.Ordinal);
        _frequency = frequency;
        foreach (var word in _words)
        {
            foreach (var delete in Deletes(word))
            {
                if (!_deletes.TryGetValue(delete, out var from))
                {
                    _deletes[delete] = from = [];
                }

                if (from.Count == 0 || from[^1] != word)
                {
                    from.Add(word);
                }
            }
        }
    }

    /// <summary>The known word closest to <paramref name="word"/>, or null when none is close enough (or it is known).</summary>
    public string? Correct(string word)
    {
        if (word.Length < MinLength || _words.Contains(word) || word.Any(char.IsAsciiDigit))
        {
            return null;
        }

        var max = word.Length >= TwoEditsFrom ? 2 : 1;
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        Collect(word, candidates); // a letter left out of the question's word
        foreach (var delete in Deletes(word))
        {
            if (_words.Contains(delete))
            {
                candidates.Add(delete); // a letter too many
            }

            Collect(delete, candidates); // a letter changed, or two swapped
        }

        return candidates
            .Select(c => (Word: c, Distance: EditDistance.Bounded(word, c, max)))
            .Where(c => c.Distance <= max)
            .OrderBy(c => c.Distance)
            .ThenByDescending(c => c.Word[0] == word[0])
            .ThenByDescending(c => _frequency(c.Word))
            .ThenBy(c => c.Word, StringComparer.Ordinal)
            .Select(c => c.Word)
            .FirstOrDefault();
    }

    private void Collect(string key, HashSet<string> candidates)
    {
        if (_deletes.TryGetValue(key, out var from))
        {
            candidates.UnionWith(from);
        }
    }

    private static IEnumerable<string> Deletes(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            yield return string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1));
        }
    }
}
