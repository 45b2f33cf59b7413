namespace Bot.Core.Answers;

/// <summary>Where a long list is, and the stateless tokens that fetch the neighbouring pages.</summary>
public sealed record AnswerPaging(int Page, int PageCount, int TotalItems, PageToken? Previous, PageToken? Next)
{
    /// <summary>
    /// The next page holds further answers rather than more of one list (/ask): its button reads "More", not "Next".
    /// </summary>
    public bool NextIsMore { get; init; }
}
