namespace Bot.Core.Answers;

/// <summary>Where a long list is, and the stateless tokens that fetch the neighbouring pages.</summary>
public sealed record AnswerPaging(int Page, int PageCount, int TotalItems, PageToken? Previous, PageToken? Next);
