namespace Bot.Core.Facts;

/// <summary>What one party says on a disputed question, in our words, attributed, dated and sourced.</summary>
public sealed record Stance(
    StanceSide Side,
    string Party,
    string? Speaker,
    PartialDate Date,
    string Statement,
    IReadOnlyList<string> Quotes,
    IReadOnlyList<string> Sources,
    string? PartyEs = null,
    string? StatementEs = null);
