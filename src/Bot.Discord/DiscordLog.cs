using Microsoft.Extensions.Logging;

namespace Bot.Discord;

/// <summary>The adapter's log events (2000–2999). Never bodies, tokens, signatures or option values.</summary>
internal static partial class DiscordLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Discord adapter enabled: POST {Path}, Ed25519 signature verification")]
    public static partial void AdapterEnabled(this ILogger logger, string path);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Discord request refused: {Reason}")]
    public static partial void RequestRefused(this ILogger logger, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Discord request body larger than {MaxBytes} bytes refused")]
    public static partial void BodyTooLarge(this ILogger logger, int maxBytes);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Discord request with a valid signature but a malformed payload")]
    public static partial void MalformedPayload(this ILogger logger);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Discord request with a valid signature refused: its JSON holds text that is not valid Unicode (a lone surrogate such as \\ud800)")]
    public static partial void InvalidText(this ILogger logger);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Debug, Message = "A Discord request's body did not arrive ({Reason}: the client went away or sent too slowly)")]
    public static partial void BodyNotReceived(this ILogger logger, string reason);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "{Count} more Discord request(s) were refused in the last minute without a line each (see bot_requests_rejected_total)")]
    public static partial void RefusalsNotLogged(this ILogger logger, int count);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Answering Discord interaction {InteractionId} (type {InteractionType}) failed")]
    public static partial void InteractionFailed(this ILogger logger, Exception exception, string? interactionId, int interactionType);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Discord interaction {InteractionId}: /{Command} answered as {Kind}")]
    public static partial void Answered(this ILogger logger, string? interactionId, string command, Bot.Core.Answers.AnswerKind kind);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug, Message = "Discord interaction {InteractionId} of unsupported type {InteractionType} or shape")]
    public static partial void Unsupported(this ILogger logger, string? interactionId, int interactionType);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Debug, Message = "Discord interaction {InteractionId}: stale or unknown button")]
    public static partial void StaleButton(this ILogger logger, string? interactionId);
}
