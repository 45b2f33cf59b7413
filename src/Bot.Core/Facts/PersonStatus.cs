namespace Bot.Core.Facts;

/// <summary>Where someone is now, as far as the fact base knows on <see cref="AsOf"/>.</summary>
public sealed record PersonStatus(PartialDate AsOf, string Text, IReadOnlyList<string> Sources, string? TextEs = null);
