namespace Bot.Core.Facts;

/// <summary>Words a speaker said, verbatim as the source prints them.</summary>
public sealed record Quote(
    string Id,
    string Speaker,
    PartialDate Date,
    string Text,
    string Language,
    bool Translated,
    string Context,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Sources,
    DateOnly? Reviewed,
    string File,
    string? ContextEs = null)
{
    /// <summary>Example questions in English this quote answers (<c>asks:</c>); /ask matches them, answers never show them.</summary>
    public IReadOnlyList<string> Asks { get; init; } = [];

    /// <summary>The same in Spanish (<c>asks_es:</c>).</summary>
    public IReadOnlyList<string> AsksEs { get; init; } = [];
}
