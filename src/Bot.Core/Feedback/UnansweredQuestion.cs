namespace Bot.Core.Feedback;

/// <summary>
/// One entry of the unanswered-questions log: a question the bot could not answer (or answered with low confidence),
/// in its normalized form (<see cref="QuestionNormalizer"/>), how often it was asked, and when first and last.
/// </summary>
public sealed record UnansweredQuestion(string NormalizedText, int Count, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);
