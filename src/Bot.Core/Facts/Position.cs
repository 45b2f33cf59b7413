namespace Bot.Core.Facts;

/// <summary>A disputed question with each side's stated position, side by side.</summary>
public sealed record Position(
    string Id,
    string Topic,
    string Title,
    string? Question,
    IReadOnlyList<Stance> Stances,
    DateOnly? Reviewed,
    string File,
    string? TitleEs = null,
    string? QuestionEs = null)
{
    /// <summary>Example questions in English that this fact answers (<c>asks:</c>): matched by /ask, never shown.</summary>
    public IReadOnlyList<string> Asks { get; init; } = [];

    /// <summary>Example questions in Spanish that this fact answers (<c>asks_es:</c>): matched by /ask, never shown.</summary>
    public IReadOnlyList<string> AsksEs { get; init; } = [];
}
