using Bot.Core.Answers;
using Bot.Core.Facts;

namespace Bot.Core.Querying;

/// <summary>Numbers sources in the order an answer first cites them, once each.</summary>
internal sealed class CitationList(FactBase facts)
{
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly List<Citation> _citations = [];

    public IReadOnlyList<Citation> All => _citations;

    /// <param name="sourceIds">The sources, best first.</param>
    /// <param name="max">At most this many (list lines cite their best few sources, so answers stay readable).</param>
    public IReadOnlyList<int> Cite(IEnumerable<string> sourceIds, int max = int.MaxValue)
    {
        var numbers = new List<int>();
        foreach (var id in sourceIds.Take(max))
        {
            if (!_numbers.TryGetValue(id, out var number))
            {
                if (!facts.TryGetSource(id, out var source))
                {
                    continue; // the validator guarantees sources exist; never cite a ghost
                }

                number = _citations.Count + 1;
                _numbers[id] = number;
                _citations.Add(new Citation(number, source.Id, source.Outlet, source.Title, source.Url, source.Published, source.Language));
            }

            if (!numbers.Contains(number))
            {
                numbers.Add(number);
            }
        }

        return numbers;
    }
}
