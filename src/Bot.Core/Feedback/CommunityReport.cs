namespace Bot.Core.Feedback;

/// <summary>
/// A community member's report of something wrong or missing (<c>/report</c>). Plain text as typed; no user id is kept.
/// <see cref="Id"/> is the receipt number shown to the reporter and used by <c>/facts resolve</c>.
/// </summary>
public sealed record CommunityReport(
    long Id,
    string Text,
    string? About,
    string Platform,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    string? ResolutionNote)
{
    /// <summary>Longest report text a store accepts (adapters refuse longer input politely before storing).</summary>
    public const int MaxTextLength = 1000;

    /// <summary>Longest <c>about:</c> value a store accepts.</summary>
    public const int MaxAboutLength = 100;

    /// <summary>Longest platform name a store accepts (<c>discord</c>, <c>slack</c>, …).</summary>
    public const int MaxPlatformLength = 20;

    /// <summary>Longest resolution note a store accepts.</summary>
    public const int MaxNoteLength = 500;

    public bool IsResolved => ResolvedAt is not null;
}
