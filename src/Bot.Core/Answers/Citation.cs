using Bot.Core.Facts;

namespace Bot.Core.Answers;

/// <summary>A numbered source of an answer.</summary>
public sealed record Citation(int Number, string SourceId, string Outlet, string Title, Uri Url, PartialDate Published, string Language);
