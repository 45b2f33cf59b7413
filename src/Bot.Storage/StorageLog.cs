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
}
