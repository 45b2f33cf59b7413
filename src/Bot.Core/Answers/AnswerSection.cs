namespace Bot.Core.Answers;

/// <summary>A titled group of lines: roles, timeline entries, quotes, sources of one outlet.</summary>
public sealed record AnswerSection(string Heading, IReadOnlyList<AnswerLine> Lines);
