using Bot.Core.Feedback;

namespace Bot.Storage;

/// <summary>Argument checks shared by every store, so both providers refuse exactly the same input.</summary>
internal static class FeedbackArguments
{
    public const int MaxListLimit = 1000;

    public static (string Text, string? About, string Platform) Report(string text, string? about, string platform)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(platform);
        var cleanText = text.Trim();
        var cleanAbout = string.IsNullOrWhiteSpace(about) ? null : about.Trim();
        var cleanPlatform = platform.Trim();
        if (cleanText.Length == 0)
        {
            throw new ArgumentException("A report needs some text.", nameof(text));
        }

        if (cleanText.Length > CommunityReport.MaxTextLength)
        {
            throw new ArgumentException($"A report is at most {CommunityReport.MaxTextLength} characters.", nameof(text));
        }

        if (cleanAbout?.Length > CommunityReport.MaxAboutLength)
        {
            throw new ArgumentException($"'about' is at most {CommunityReport.MaxAboutLength} characters.", nameof(about));
        }

        if (cleanPlatform.Length == 0 || cleanPlatform.Length > CommunityReport.MaxPlatformLength)
        {
            throw new ArgumentException($"The platform name must have 1 to {CommunityReport.MaxPlatformLength} characters.", nameof(platform));
        }

        return (cleanText, cleanAbout, cleanPlatform);
    }

    public static string? Note(string? note)
    {
        var clean = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return clean?.Length > CommunityReport.MaxNoteLength
            ? throw new ArgumentException($"A resolution note is at most {CommunityReport.MaxNoteLength} characters.", nameof(note))
            : clean;
    }

    public static void Limit(int limit) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

    public static int Clamp(int limit) => Math.Min(limit, MaxListLimit);
}
