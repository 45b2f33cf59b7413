namespace Bot.Core.Facts;

/// <summary>A dated event of the dispute.</summary>
public sealed record TimelineEvent(
    string Id,
    PartialDate Date,
    IReadOnlyList<DateVariant> DateVariants,
    string Title,
    string Summary,
    IReadOnlyList<string> People,
    IReadOnlyList<string> Topics,
    IReadOnlyList<ClaimVariant> Variants,
    IReadOnlyList<string> Sources,
    DateOnly? Reviewed,
    string File,
    string? TitleEs = null,
    string? SummaryEs = null)
{
    public bool HasDisputedDate => DateVariants.Count > 0;

    /// <summary>Example questions in English that this fact answers (<c>asks:</c>): matched by /ask, never shown.</summary>
    public IReadOnlyList<string> Asks { get; init; } = [];

    /// <summary>Example questions in Spanish that this fact answers (<c>asks_es:</c>): matched by /ask, never shown.</summary>
    public IReadOnlyList<string> AsksEs { get; init; } = [];
}
