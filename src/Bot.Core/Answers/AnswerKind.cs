namespace Bot.Core.Answers;

public enum AnswerKind
{
    /// <summary>A factual answer with sources; shown to the channel.</summary>
    Found,

    /// <summary>The command list or a command's usage; shown to the channel.</summary>
    Help,

    /// <summary>Nothing matched; comes with suggestions. Shown only to the person who asked.</summary>
    NotFound,

    /// <summary>Several things matched; comes with the candidates. Shown only to the person who asked.</summary>
    Ambiguous,

    /// <summary>The command or an option was not understood. Shown only to the person who asked.</summary>
    UsageError,

    /// <summary>The asker (or their channel) sent too many commands too quickly. Shown only to the person who asked.</summary>
    RateLimited,
}
