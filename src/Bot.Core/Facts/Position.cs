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
    string? QuestionEs = null);
