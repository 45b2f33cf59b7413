using Bot.Core.Facts;

namespace Bot.Core.Querying;

/// <summary>
/// How answers speak about time: today's date (from <paramref name="Time"/>), and how old the newest information
/// behind a present-tense claim may be before an answer warns that later developments may be missing
/// (<c>Facts:StaleAfterDays</c>).
/// </summary>
public sealed record Freshness(TimeProvider Time, TimeSpan StaleAfter)
{
    public const int DefaultStaleAfterDays = 180;

    public static Freshness Default { get; } = new(TimeProvider.System, TimeSpan.FromDays(DefaultStaleAfterDays));

    public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

    /// <summary>True when information dated <paramref name="asOf"/> is older than the staleness limit today.</summary>
    public bool IsStale(PartialDate asOf) => asOf.End.AddDays((int)StaleAfter.TotalDays) < Today;

    /// <summary>The newest publication date among the given sources: the date a present-tense claim speaks for.</summary>
    public static PartialDate? NewestSource(FactBase facts, IEnumerable<string> sourceIds)
    {
        PartialDate? newest = null;
        foreach (var id in sourceIds)
        {
            // By start: a day in February is newer than "February" alone, which may have been any day of it.
            if (facts.TryGetSource(id, out var source) && (newest is null || source.Published > newest.Value))
            {
                newest = source.Published;
            }
        }

        return newest;
    }
}
