using Microsoft.Extensions.Logging;

namespace Bot.Slack;

/// <summary>The adapter's log messages (event ids 3000–3999). Never bodies, tokens, signatures or question text above Debug.</summary>
internal static partial class SlackLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Slack request rejected: {Reason}")]
    public static partial void RequestRejected(this ILogger logger, string reason);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Slack request body too large ({Length} bytes, limit {Limit})")]
    public static partial void BodyTooLarge(this ILogger logger, long length, int limit);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Malformed Slack request: {Reason}")]
    public static partial void MalformedRequest(this ILogger logger, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Answering Slack command {Command} for team {TeamId} failed")]
    public static partial void CommandFailed(this ILogger logger, Exception exception, string command, string? teamId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Slack command {Command} for team {TeamId} answered: {Kind}")]
    public static partial void CommandAnswered(this ILogger logger, string command, string? teamId, Bot.Core.Answers.AnswerKind kind);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Handling a Slack interaction for team {TeamId} failed")]
    public static partial void InteractionFailed(this ILogger logger, Exception exception, string? teamId);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Slack response_url answered HTTP {Status}")]
    public static partial void ResponseUrlRejected(this ILogger logger, int status);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "A Slack response_url is past its limits (5 uses, 30 minutes); not posting")]
    public static partial void ResponseUrlExhausted(this ILogger logger);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Error, Message = "Posting to a Slack response_url failed")]
    public static partial void ResponseUrlFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Debug, Message = "Slack ssl_check acknowledged")]
    public static partial void SslCheck(this ILogger logger);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Slack Socket Mode connected ({Connections} connection(s) open for this app)")]
    public static partial void SocketConnected(this ILogger logger, int connections);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "Slack asked Socket Mode to disconnect: {Reason}")]
    public static partial void SocketDisconnectRequested(this ILogger logger, string reason);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Slack Socket Mode connection lost; reconnecting in {Delay} (attempt {Attempt})")]
    public static partial void SocketDropped(this ILogger logger, Exception? exception, TimeSpan delay, int attempt);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Critical, Message = "Slack Socket Mode cannot continue ({Reason}); stopping the application")]
    public static partial void SocketStopped(this ILogger logger, string reason);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Debug, Message = "Slack envelope of type {Type} acknowledged")]
    public static partial void EnvelopeAcknowledged(this ILogger logger, string type);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Warning, Message = "Could not read the members of the moderator user group ({Reason}); only Slack:ModeratorUserIds count as moderators until it works")]
    public static partial void ModeratorGroupUnavailable(this ILogger logger, string reason);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Debug, Message = "Slack message of type {Type} ignored")]
    public static partial void SocketMessageIgnored(this ILogger logger, string type);

    [LoggerMessage(EventId = 3019, Level = LogLevel.Information, Message = "Stopping: waiting for {Count} Slack envelope(s) still being answered")]
    public static partial void DrainingEnvelopes(this ILogger logger, int count);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "Stopping: the shutdown timeout passed with {Count} Slack envelope(s) still being answered")]
    public static partial void DrainAbandoned(this ILogger logger, int count);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "A Slack envelope of type {Type} could not be acknowledged: its connection had gone (Slack sends it again)")]
    public static partial void AcknowledgementLost(this ILogger logger, string type);

    [LoggerMessage(EventId = 3023, Level = LogLevel.Warning, Message = "A Slack response_url on host {Host} is refused: not one of Slack's hosts nor in Slack:AllowedResponseHosts")]
    public static partial void ResponseUrlRefused(this ILogger logger, string host);

    [LoggerMessage(EventId = 3024, Level = LogLevel.Information, Message = "A Slack Socket Mode envelope holds text that is not valid Unicode (a lone surrogate such as \\ud800); acknowledged without answering it")]
    public static partial void EnvelopeRefused(this ILogger logger);

    [LoggerMessage(EventId = 3025, Level = LogLevel.Debug, Message = "Slack command {Command} not answered within {DeferAfter}: acknowledged, the answer goes to the response_url")]
    public static partial void CommandDeferred(this ILogger logger, string command, TimeSpan deferAfter);

    [LoggerMessage(EventId = 3026, Level = LogLevel.Debug, Message = "A Slack request's body did not arrive ({Reason}: the client went away or sent too slowly)")]
    public static partial void BodyNotReceived(this ILogger logger, string reason);

    [LoggerMessage(EventId = 3027, Level = LogLevel.Information, Message = "{Count} more Slack request(s) were refused in the last minute without a line each (see bot_requests_rejected_total)")]
    public static partial void RefusalsNotLogged(this ILogger logger, int count);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Error, Message = "Handling a Slack envelope of type {Type} failed")]
    public static partial void EnvelopeFailed(this ILogger logger, Exception exception, string type);

    [LoggerMessage(EventId = 3028, Level = LogLevel.Warning, Message = "Slack's {Method} failed: {Error}")]
    public static partial void ViewCallFailed(this ILogger logger, string method, string error);
}
