namespace Bot.Core.Answers;

public sealed record AnswerField(string Name, string Value, bool Inline = true);
