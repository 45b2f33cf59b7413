namespace Bot.Core.Facts;

/// <summary>One version of a detail that sources disagree on, with the sources that give it.</summary>
public sealed record ClaimVariant(string Claim, IReadOnlyList<string> Sources, string? ClaimEs = null);
