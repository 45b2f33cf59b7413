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
    string? ContextEs = null);
