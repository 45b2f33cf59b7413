namespace Bot.Core.Answers;

/// <summary>One line of an answer: an optional label (a date), the text, and the citation numbers that back it.</summary>
public sealed record AnswerLine(string? Label, string Text, IReadOnlyList<int> Citations)
{
    /// <summary>An extra line shown under the text (a disputed date, a quote's context), if any.</summary>
    public string? Detail { get; init; }

    /// <summary>A link the line points to directly (a source's own page), if any.</summary>
    public Uri? Link { get; init; }

    /// <summary>The id of the fact the line shows (event, quote, person or position), if it shows one.</summary>
    public string? FactId { get; init; }
}
