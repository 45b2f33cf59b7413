namespace Bot.Core.Facts;

/// <summary>A theme of the dispute that events and quotes are tagged with (asylum, safe-conduct…).</summary>
public sealed record Topic(
    string Id,
    string Name,
    IReadOnlyList<string> Aliases,
    string Description,
    string? NameEs = null,
    string? DescriptionEs = null);
