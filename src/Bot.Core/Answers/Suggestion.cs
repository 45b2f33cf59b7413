namespace Bot.Core.Answers;

/// <summary>Something to try next: a label to show and the command, in text form, that it runs.</summary>
public sealed record Suggestion(string Label, string Command);
