namespace Bot.Core.Facts;

public enum NameMatchKind
{
    /// <summary>The query is an id, a name or an alias of exactly one item.</summary>
    Exact,

    /// <summary>Every word of the query is a word of exactly one item's names ("chavez", "lopez obrador").</summary>
    Partial,

    /// <summary>The query looks like a typo of exactly one item's name.</summary>
    Corrected,

    /// <summary>The query fits several items equally well.</summary>
    Ambiguous,

    /// <summary>Nothing fits; the items are suggestions.</summary>
    NotFound,
}
