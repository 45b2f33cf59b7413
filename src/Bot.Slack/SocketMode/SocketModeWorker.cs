using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Operations;
using Bot.Core.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Slack.SocketMode;

/// <summary>
/// Socket Mode: opens a connection URL with <c>apps.connections.open</c> (app-level token), connects, and serves
/// envelopes until Slack asks it to reconnect (<c>refresh_requested</c>, <c>warning</c>: at once) or the connection
/// drops (capped exponential backoff with jitter). Every envelope is acknowledged with its <c>envelope_id</c>; a slash
/// command's answer travels in the acknowledgement itself, so nothing acknowledged is left unanswered. Interactive
/// envelopes are acknowledged first and answered through their response_url. Each envelope is handled off the receive
/// loop, at most <see cref="MaxEnvelopesInFlight"/> at once, so a response_url that hangs never holds up the next slash
/// command's acknowledgement (Slack allows 3 s); a connection that ends waits briefly for its acknowledgements, and
/// stopping the host waits for the work in flight (<see cref="StopAsync"/>), as the Gateway does. When Socket Mode is
/// switched off (<c>link_disabled</c>) or the token is refused, the application stops, to be restarted by its supervisor.
/// </summary>
internal sealed class SocketModeWorker(
    IOptions<SlackOptions> options,
    ISlackSocketFactory sockets,
    IHttpClientFactory clients,
    SlackCommandService commands,
    SlackResponder responder,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<SocketModeWorker> logger,
    SlackEdits? edits = null) : BackgroundService
{
    private static readonly HashSet<string> FatalErrors = new(StringComparer.Ordinal)
    {
        "invalid_auth", "not_authed", "not_allowed_token_type", "account_inactive", "token_revoked", "token_expired",
        "missing_scope", "no_permission",
    };

    /// <summary>Envelopes handled at once; past this the receive loop waits for one to finish.</summary>
    internal const int MaxEnvelopesInFlight = 32;

    /// <summary>How long an ending connection waits for acknowledgements still being prepared (Slack's own window).</summary>
    internal static readonly TimeSpan AckWindow = TimeSpan.FromSeconds(3);

    private readonly SlackOptions _options = options.Value;
    private readonly SemaphoreSlim _slots = new(MaxEnvelopesInFlight, MaxEnvelopesInFlight);
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private int _failures;

    /// <summary>Stops receiving, then waits for every envelope being handled (answers and response_url posts) until <paramref name="cancellationToken"/> fires.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var pending = _inFlight.Keys.ToArray();
        if (pending.Length == 0)
        {
            return;
        }

        logger.DrainingEnvelopes(pending.Length);
        try
        {
            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.DrainAbandoned(_inFlight.Count);
        }
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Exception? problem = null;
            TimeSpan? retryAfter = null;
            try
            {
                var end = await RunSessionAsync(stoppingToken);
                if (end == SessionEnd.Refresh)
                {
                    continue; // Slack asked us to move to a fresh connection: do it now
                }

                if (end == SessionEnd.LinkDisabled)
                {
                    Stop("Socket Mode was turned off for the app (link_disabled)");
                    return;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SlackSocketException exception) when (exception.Fatal)
            {
                Stop(exception.Message);
                return;
            }
            catch (SlackSocketException exception)
            {
                problem = exception;
                retryAfter = exception.RetryAfter;
            }
            catch (Exception exception) when (exception is WebSocketException or HttpRequestException or IOException
                                                  or JsonException or OperationCanceledException or InvalidOperationException)
            {
                problem = exception;
            }

            _failures++;
            var delay = Backoff(_failures);
            if (retryAfter > delay)
            {
                delay = retryAfter.Value;
            }

            logger.SocketDropped(problem, delay, _failures);
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The reconnect wait after <paramref name="failures"/> failures (<see cref="ReconnectBackoff"/>, shared with the Gateway).</summary>
    internal TimeSpan Backoff(int failures) => ReconnectBackoff.Delay(failures, _options.ReconnectMinDelay, _options.ReconnectMaxDelay);

    private async Task<SessionEnd> RunSessionAsync(CancellationToken stoppingToken)
    {
        var url = await OpenConnectionAsync(stoppingToken);
        await using var socket = sockets.Create();
        await socket.ConnectAsync(url, stoppingToken);
        using var connection = new Connection(socket);
        try
        {
            return await ReceiveAsync(connection, stoppingToken);
        }
        finally
        {
            // Acknowledgements still being prepared go out on this socket before it is disposed (bounded: Slack's window).
            await connection.AcknowledgedAsync(AckWindow, time);
        }
    }

    private async Task<SessionEnd> ReceiveAsync(Connection connection, CancellationToken stoppingToken)
    {
        var socket = connection.Socket;
        while (true)
        {
            var text = await socket.ReceiveAsync(stoppingToken);
            if (text is null)
            {
                return SessionEnd.Dropped;
            }

            if (text.Length == 0)
            {
                continue;
            }

            using var message = JsonDocument.Parse(text);
            var root = message.RootElement;
            if (JsonText.HasInvalidUnicode(text))
            {
                // Reading any of its text would throw: acknowledge it unread (with its id exactly as sent), so Slack
                // does not deliver it again, and keep the connection.
                await RefuseEnvelopeAsync(connection, root);
                continue;
            }

            var type = root.ValueKind == JsonValueKind.Object ? SlackCommandService.Str(root, "type") ?? "" : "";
            switch (type)
            {
                case "hello":
                    _failures = 0;
                    logger.SocketConnected(root.TryGetProperty("num_connections", out var n) && n.TryGetInt32(out var count) ? count : 1);
                    continue;
                case "disconnect":
                    var reason = SlackCommandService.Str(root, "reason") ?? "unknown";
                    logger.SocketDisconnectRequested(reason);
                    await connection.AcknowledgedAsync(AckWindow, time); // finish what this connection owes first
                    await CloseQuietlyAsync(connection);
                    return reason == "link_disabled" ? SessionEnd.LinkDisabled : SessionEnd.Refresh;
            }

            if (SlackCommandService.Str(root, "envelope_id") is not { } envelopeId)
            {
                logger.SocketMessageIgnored(type);
                continue;
            }

            await _slots.WaitAsync(stoppingToken);
            Dispatch(connection, envelopeId, type, root.Clone());
        }
    }

    /// <summary>Acknowledges an envelope that holds text that is not valid Unicode, without handling it.</summary>
    private async Task RefuseEnvelopeAsync(Connection connection, JsonElement root)
    {
        var id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("envelope_id", out var value) && value.ValueKind == JsonValueKind.String ? value : default;
        logger.EnvelopeRefused();
        if (id.ValueKind == JsonValueKind.String && !await connection.SendAsync("{\"envelope_id\":" + id.GetRawText() + "}"))
        {
            logger.AcknowledgementLost("refused");
        }
    }

    /// <summary>Handles one envelope off the receive loop, tracked so that stopping waits for it.</summary>
    private void Dispatch(Connection connection, string envelopeId, string type, JsonElement envelope)
    {
        var acknowledged = connection.Expect();
        var task = Task.Run(async () =>
        {
            try
            {
                await HandleEnvelopeAsync(connection, envelopeId, type, envelope, acknowledged);
            }
            catch (Exception exception)
            {
                logger.EnvelopeFailed(exception, type); // the boundary: one envelope's failure never reaches the others
                if (!acknowledged.Task.IsCompleted)
                {
                    // Acknowledged all the same, or Slack would deliver it again and again.
                    await connection.SendAsync(SlackAnswerRenderer.Serialize(new JsonObject { ["envelope_id"] = envelopeId }));
                }
            }
            finally
            {
                acknowledged.TrySetResult();
                _slots.Release();
            }
        });
        _inFlight.TryAdd(task, 0);
        task.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Answers and acknowledges one envelope, then posts any follow-up. Never throws: what was received is finished
    /// even when the host is stopping (the answer does not watch the stopping token; the post has its HttpClient timeout).
    /// </summary>
    private async Task HandleEnvelopeAsync(Connection connection, string envelopeId, string type, JsonElement envelope, TaskCompletionSource acknowledged)
    {
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        var payload = envelope.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        SlackFollowUp? followUp = null;
        Task<SlackFollowUp>? deferred = null;
        Func<Task>? afterAck = null;
        if (payload.ValueKind == JsonValueKind.Object)
        {
            switch (type)
            {
                case "slash_commands" when SlackCommandService.Str(payload, "command") is { Length: > 1 } command:
                    Task<SlackFollowUp>? later = null;
                    var answer = await commands.AnswerOrDeferAsync(
                        command, SlackCommandService.Str(payload, "text"), SlackCommandService.Str(payload, "team_id"), SlackCommandService.Str(payload, "user_id"),
                        SlackCommandService.Str(payload, "channel_id"), SlackCommandService.Str(payload, "response_url"), ready => later = ready,
                        SlackCommandService.Str(payload, "trigger_id"), SlackCommandService.Str(payload, "user_name"));
                    if (answer is { Length: > 0 }) // none when deferred or when the command opened a modal
                    {
                        ack["payload"] = JsonNode.Parse(answer);
                    }

                    deferred = later; // an empty acknowledgement now; the answer follows through the response_url
                    break;
                case "interactive" when SlackCommandService.Str(payload, "type") == "view_submission" && edits is not null:
                    if (await edits.SubmitAsync(payload, CancellationToken.None) is { } update)
                    {
                        ack["payload"] = update;
                    }

                    break;
                case "interactive" when SlackCommandService.Str(payload, "type") == "block_actions" && edits?.ButtonAsync(payload) is { } press:
                    afterAck = press;
                    break;
                case "interactive" when SlackCommandService.Str(payload, "type") == "block_actions":
                    followUp = await commands.HandleBlockActionsAsync(payload, CancellationToken.None);
                    break;
            }
        }

        if (!await connection.SendAsync(SlackAnswerRenderer.Serialize(ack)))
        {
            logger.AcknowledgementLost(type);
            return;
        }

        logger.EnvelopeAcknowledged(type);
        acknowledged.TrySetResult();
        if (afterAck is not null)
        {
            await afterAck();
        }

        if (deferred is not null)
        {
            followUp = await deferred;
        }

        if (followUp is { Json.Length: > 0 }) // empty when a slow command opened a modal: nothing to post
        {
            // Finish what was acknowledged even when shutting down: the response_url client bounds the post (25 s with retries).
            await responder.PostAsync(followUp.ResponseUrl, followUp.Json, followUp.ReceivedAt, CancellationToken.None);
        }
    }

    private async Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var endpoint = new Uri(_options.ApiBaseUrl.AbsoluteUri.TrimEnd('/') + "/apps.connections.open");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AppToken);
        request.Content = new FormUrlEncodedContent([]);
        using var response = await clients.CreateClient(SlackServiceCollectionExtensions.WebApiClient).SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new SlackSocketException("apps.connections.open is rate limited", fatal: false, response.Headers.RetryAfter?.Delta);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new SlackSocketException($"apps.connections.open answered HTTP {(int)response.StatusCode}", fatal: false);
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True)
        {
            var error = root.ValueKind == JsonValueKind.Object ? SlackCommandService.Str(root, "error") ?? "unknown_error" : "unknown_error";
            throw new SlackSocketException($"apps.connections.open failed: {error}", FatalErrors.Contains(error));
        }

        if (SlackCommandService.Str(root, "url") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var socketUrl)
            || (socketUrl.Scheme != "wss" && socketUrl.Scheme != "ws"))
        {
            throw new SlackSocketException("apps.connections.open returned no WebSocket URL", fatal: false);
        }

        return socketUrl;
    }

    private static async Task CloseQuietlyAsync(Connection connection)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await connection.Socket.CloseAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The old connection is being abandoned anyway.
        }
    }

    /// <summary>
    /// One connected socket as the envelope handlers share it: one send at a time (a WebSocket allows no more), and the
    /// acknowledgements it still owes, so the session can wait for them before the socket goes.
    /// </summary>
    private sealed class Connection(ISlackSocket socket) : IDisposable
    {
        private readonly SemaphoreSlim _send = new(1, 1);
        private readonly ConcurrentDictionary<Task, byte> _owed = new();

        public ISlackSocket Socket { get; } = socket;

        /// <summary>An acknowledgement this connection owes; complete it once sent (or given up).</summary>
        public TaskCompletionSource Expect()
        {
            var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _owed.TryAdd(acknowledged.Task, 0);
            acknowledged.Task.ContinueWith(t => _owed.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return acknowledged;
        }

        /// <summary>Waits until every acknowledgement owed so far has been sent, for at most <paramref name="window"/>.</summary>
        public async Task AcknowledgedAsync(TimeSpan window, TimeProvider time)
        {
            var owed = _owed.Keys.ToArray();
            if (owed.Length == 0)
            {
                return;
            }

            try
            {
                await Task.WhenAll(owed).WaitAsync(window, time);
            }
            catch (TimeoutException)
            {
                // Slack delivers an unacknowledged envelope again; the socket cannot wait longer.
            }
        }

        /// <summary>Sends one message; false when the socket has gone (closed, dropped or disposed).</summary>
        public async Task<bool> SendAsync(string message)
        {
            try
            {
                await _send.WaitAsync();
                try
                {
                    using var timeout = new CancellationTokenSource(AckWindow);
                    await Socket.SendAsync(message, timeout.Token);
                    return true;
                }
                finally
                {
                    _send.Release();
                }
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
            {
                return false;
            }
        }

        public void Dispose() => _send.Dispose();
    }

    private void Stop(string reason)
    {
        logger.SocketStopped(reason);
        lifetime.StopApplication();
    }

    private enum SessionEnd
    {
        Dropped,
        Refresh,
        LinkDisabled,
    }
}

/// <summary>Socket Mode could not connect; <see cref="Fatal"/> when retrying cannot help (a refused token).</summary>
internal sealed class SlackSocketException(string message, bool fatal, TimeSpan? retryAfter = null) : Exception(message)
{
    public bool Fatal { get; } = fatal;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
