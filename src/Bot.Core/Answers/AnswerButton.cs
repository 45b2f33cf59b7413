namespace Bot.Core.Answers;

/// <summary>A button that fetches another view of an answer (all its sources…), statelessly, from its page token.</summary>
public sealed record AnswerButton(string Label, PageToken Token);
