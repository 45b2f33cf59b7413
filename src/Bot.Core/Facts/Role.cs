namespace Bot.Core.Facts;

/// <summary>
/// An office held from one date to another. <see cref="To"/> is null while it is held; <see cref="From"/> is null
/// when the sources give only the end (Castillo was president until 7 December 2022). <see cref="ScheduledTo"/> is
/// the end the sources announced for a role still held (an interim term), which is not the same as a known end.
/// </summary>
public sealed record Role(
    string Title,
    PartialDate? From,
    PartialDate? To,
    IReadOnlyList<string> Sources,
    string? TitleEs = null,
    PartialDate? ScheduledTo = null)
{
    public bool IsCurrent => To is null;

    /// <summary>The first day the role could have started, for ordering; unknown starts sort first.</summary>
    public DateOnly StartsOn => From?.Start ?? To?.Start ?? DateOnly.MinValue;
}
