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
}
