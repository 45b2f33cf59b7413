using Microsoft.Extensions.Logging;

namespace Bot.Storage;

/// <summary>Storage log events (5000–5999). Never connection strings, report text or question text.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Feedback storage: {Provider} at {Location}, schema version {Version}")]
    public static partial void Ready(this ILogger logger, string provider, string location, int version);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Feedback storage: applied migration {Version} ({Description})")]
    public static partial void MigrationApplied(this ILogger logger, int version, string description);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Feedback storage: created the data folder {Folder}")]
    public static partial void FolderCreated(this ILogger logger, string folder);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Feedback storage: retention sweep deleted {Questions} unanswered question(s) and {Reports} resolved report(s)")]
    public static partial void Swept(this ILogger logger, int questions, int reports);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Feedback storage: the retention sweep failed ({Error}); it runs again tomorrow")]
    public static partial void SweepFailed(this ILogger logger, string error);
}
