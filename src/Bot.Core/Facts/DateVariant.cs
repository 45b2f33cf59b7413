namespace Bot.Core.Facts;

/// <summary>Another date that some sources give for an event.</summary>
public sealed record DateVariant(PartialDate Date, IReadOnlyList<string> Sources, string? Note, string? NoteEs = null);
