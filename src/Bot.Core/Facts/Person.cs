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
    string? SummaryEs = null)
{
    /// <summary>Example questions in English that this fact answers (<c>asks:</c>): matched by /ask, never shown.</summary>
    public IReadOnlyList<string> Asks { get; init; } = [];

    /// <summary>Example questions in Spanish that this fact answers (<c>asks_es:</c>): matched by /ask, never shown.</summary>
    public IReadOnlyList<string> AsksEs { get; init; } = [];
}
