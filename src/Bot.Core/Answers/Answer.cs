namespace Bot.Core.Answers;

/// <summary>
/// A platform-neutral answer: plain text only (no Markdown, no mentions), with numbered, deduplicated citations that
/// lines refer to by number. Renderers turn it into a Discord embed, Slack blocks or terminal text.
/// </summary>
public sealed record Answer
{
    public required AnswerKind Kind { get; init; }

    public required string Title { get; init; }

    /// <summary>A short line under the title (full name, filters in force…).</summary>
    public string? Subtitle { get; init; }

    /// <summary>The main paragraph, if any.</summary>
    public string? Body { get; init; }

    /// <summary>Citation numbers that back <see cref="Body"/>.</summary>
    public IReadOnlyList<int> BodyCitations { get; init; } = [];

    /// <summary>Short name/value facts (country, current role…).</summary>
    public IReadOnlyList<AnswerField> Fields { get; init; } = [];

    public IReadOnlyList<AnswerSection> Sections { get; init; } = [];

    /// <summary>Sources in the order lines first cite them; <see cref="Citation.Number"/> is 1-based.</summary>
    public IReadOnlyList<Citation> Citations { get; init; } = [];

    /// <summary>What to try next: the closest names, the candidates, related commands.</summary>
    public IReadOnlyList<Suggestion> Suggestions { get; init; } = [];

    public AnswerPaging? Paging { get; init; }

    /// <summary>
    /// The button that shows every source of this answer with its headline, privately and paged; the channel message
    /// itself shows only compact numbered links (outlet and date).
    /// </summary>
    public AnswerButton? AllSources { get; init; }

    /// <summary>The footer line: which fact base answered and how current it is, in the asker's language.</summary>
    public required string Footer { get; init; }

    /// <summary>The language the answer's own wording is in ("en" or "es"); fact text stays as curated.</summary>
    public string Language { get; init; } = "en";

    /// <summary>
    /// Shown only to the person who asked: errors and misses always, and answers meant for one person (a report's
    /// receipt, moderators' lists).
    /// </summary>
    public bool IsPrivate
    {
        get => _isPrivate || Kind is AnswerKind.NotFound or AnswerKind.Ambiguous or AnswerKind.UsageError or AnswerKind.RateLimited;
        init => _isPrivate = value;
    }

    private readonly bool _isPrivate;
}
