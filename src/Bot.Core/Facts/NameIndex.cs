using System.Runtime.InteropServices;
using Bot.Core.Text;

namespace Bot.Core.Facts;

/// <summary>
/// Resolves what people type (ids, names, aliases, surnames, any case, with or without accents, small typos) to
/// items. Built once per fact-base snapshot; lookups allocate little and never throw.
/// </summary>
public sealed class NameIndex<T>
    where T : class
{
    private const int MaxSuggestions = 5;

    private readonly T[] _items;
    private readonly Dictionary<string, int[]> _exact;
    private readonly Dictionary<string, int[]> _tokens;
    private readonly (string Key, int Item)[] _keys;

    // Keys by length: a typo search only looks at keys whose length is within the allowed distance.
    private readonly Dictionary<int, (string Key, int Item)[]> _keysByLength;

    /// <param name="entries">Each item with the names it answers to; earlier items rank first among equals.</param>
    public NameIndex(IEnumerable<(T Item, IEnumerable<string> Names)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var items = new List<T>();
        var exact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var tokens = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var keys = new List<(string, int)>();
        foreach (var (item, names) in entries)
        {
            var index = items.Count;
            items.Add(item);
            foreach (var key in names.Select(TextFolding.Fold).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal))
            {
                Add(exact, key, index);
                keys.Add((key, index));
                foreach (var token in key.Split(' '))
                {
                    Add(tokens, token, index);
                }
            }
        }

        _items = [.. items];
        _exact = exact.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _tokens = tokens.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _keys = [.. keys];
        _keysByLength = _keys.GroupBy(k => k.Key.Length).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public int Count => _items.Length;

    public NameMatch<T> Resolve(string? query)
    {
        var folded = TextFolding.Fold(query);
        if (folded.Length == 0)
        {
            return new NameMatch<T>(NameMatchKind.NotFound, Suggest(folded));
        }

        return ResolveWithoutTypos(folded) ?? ResolveTypo(folded);
    }

    /// <summary>Exact, partial or ambiguous matches only (no typo search): null when nothing matches that way.</summary>
    public NameMatch<T>? ResolveWithoutTypos(string? query)
    {
        var folded = TextFolding.Fold(query);
        if (folded.Length == 0)
        {
            return null;
        }

        if (_exact.TryGetValue(folded, out var exact))
        {
            return exact.Length == 1
                ? new NameMatch<T>(NameMatchKind.Exact, [_items[exact[0]]])
                : new NameMatch<T>(NameMatchKind.Ambiguous, Pick(exact));
        }

        var partial = MatchAllTokens(folded);
        return partial.Length switch
        {
            0 => null,
            1 => new NameMatch<T>(NameMatchKind.Partial, [_items[partial[0]]]),
            _ => new NameMatch<T>(NameMatchKind.Ambiguous, Pick(partial)),
        };
    }

    private NameMatch<T> ResolveTypo(string folded)
    {
        var threshold = folded.Length <= 4 ? 1 : folded.Length <= 9 ? 2 : 3;
        var ranked = RankByDistance(folded, threshold);
        if (ranked.Count == 1 || (ranked.Count > 1 && ranked[0].Distance < ranked[1].Distance))
        {
            return new NameMatch<T>(NameMatchKind.Corrected, [_items[ranked[0].Item]]);
        }

        return ranked.Count > 1
            ? new NameMatch<T>(NameMatchKind.NotFound, [.. ranked.Take(MaxSuggestions).Select(r => _items[r.Item])])
            : new NameMatch<T>(NameMatchKind.NotFound, Suggest(folded));
    }

    /// <summary>Items whose names start with, or have a word starting with, what has been typed so far.</summary>
    public IReadOnlyList<T> Complete(string? typed, int limit)
    {
        var folded = TextFolding.Fold(typed);
        if (folded.Length == 0)
        {
            return [.. _items.Take(limit)];
        }

        var starts = new List<int>();
        var words = new List<int>();
        foreach (var (key, item) in _keys)
        {
            if (key.StartsWith(folded, StringComparison.Ordinal))
            {
                starts.Add(item);
            }
            else if (key.Contains(" " + folded, StringComparison.Ordinal))
            {
                words.Add(item);
            }
        }

        var result = starts.Concat(words).Distinct().Take(limit).Select(i => _items[i]).ToList();
        if (result.Count == 0)
        {
            result = [.. RankByDistance(folded, Math.Max(2, folded.Length / 3)).Take(limit).Select(r => _items[r.Item])];
        }

        return result;
    }

    private int[] MatchAllTokens(string folded)
    {
        int[]? candidates = null;
        foreach (var token in folded.Split(' '))
        {
            if (!_tokens.TryGetValue(token, out var holders))
            {
                return [];
            }

            candidates = candidates is null ? holders : [.. candidates.Intersect(holders)];
            if (candidates.Length == 0)
            {
                return [];
            }
        }

        return candidates ?? [];
    }

    private List<(int Item, int Distance)> RankByDistance(string folded, int threshold)
    {
        var best = new Dictionary<int, int>();
        foreach (var (key, item) in KeysNear(folded.Length, threshold))
        {
            var limit = best.TryGetValue(item, out var known) ? Math.Min(known - 1, threshold) : threshold;
            if (limit < 0)
            {
                continue;
            }

            var distance = EditDistance.Bounded(folded, key, limit);
            if (distance <= limit)
            {
                best[item] = distance;
            }
        }

        return [.. best.Select(p => (Item: p.Key, Distance: p.Value)).OrderBy(p => p.Distance).ThenBy(p => p.Item)];
    }

    private IEnumerable<(string Key, int Item)> KeysNear(int length, int distance)
    {
        for (var l = Math.Max(1, length - distance); l <= length + distance; l++)
        {
            if (_keysByLength.TryGetValue(l, out var keys))
            {
                foreach (var key in keys)
                {
                    yield return key;
                }
            }
        }
    }

    private T[] Suggest(string folded)
    {
        if (folded.Length > 0)
        {
            var near = RankByDistance(folded, Math.Max(3, folded.Length / 2));
            if (near.Count > 0)
            {
                return [.. near.Take(MaxSuggestions).Select(r => _items[r.Item])];
            }
        }

        return [.. _items.Take(MaxSuggestions)];
    }

    private T[] Pick(IEnumerable<int> indexes) => [.. indexes.Select(i => _items[i])];

    /// <summary>Items are added in index order, so each list stays sorted and free of repeats by checking its end.</summary>
    private static void Add(Dictionary<string, List<int>> map, string key, int index)
    {
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(map, key, out _);
        list ??= [];
        if (list.Count == 0 || list[^1] != index)
        {
            list.Add(index);
        }
    }
}
