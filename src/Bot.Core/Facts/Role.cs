namespace Bot.Core.Facts;

/// <summary>
/// An office held from one date to another. <see cref="To"/> is null while it is held; <see cref="From"/> is null
/// when the sources give only the end (Castillo was president until 7 December 2022).
/// </summary>
public sealed record Role(string Title, PartialDate? From, PartialDate? To, IReadOnlyList<string> Sources)
{
    public bool IsCurrent => To is null;

    /// <summary>The first day the role could have started, for ordering; unknown starts sort first.</summary>
    public DateOnly StartsOn => From?.Start ?? To?.Start ?? DateOnly.MinValue;
}
