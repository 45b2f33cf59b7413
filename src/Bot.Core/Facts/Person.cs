namespace Bot.Core.Facts;

/// <summary>A person or organization that takes part in the dispute.</summary>
public sealed record Person(
    string Id,
    PersonKind Kind,
    string Name,
    string? FullName,
    IReadOnlyList<string> Aliases,
    string Country,
    IReadOnlyList<Role> Roles,
    string Summary,
    PersonStatus? Status,
    IReadOnlyList<string> Sources,
    DateOnly? Reviewed,
    string File,
    string? SummaryEs = null);
