namespace Bot.Core.Facts;

/// <summary>
/// The outcome of resolving a typed name: the item when one fits, the candidates when several do, or suggestions.
/// </summary>
public sealed record NameMatch<T>(NameMatchKind Kind, IReadOnlyList<T> Items)
    where T : class
{
    public bool IsResolved => Kind is NameMatchKind.Exact or NameMatchKind.Partial or NameMatchKind.Corrected;

    /// <summary>The single item when <see cref="IsResolved"/>.</summary>
    public T? Item => IsResolved ? Items[0] : null;
}
