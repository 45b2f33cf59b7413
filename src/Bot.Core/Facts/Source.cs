namespace Bot.Core.Facts;

/// <summary>A published article or document that facts cite.</summary>
public sealed record Source(string Id, string Outlet, string Title, Uri Url, PartialDate Published, string Language);
