using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Gateway;

/// <summary>What the shard does after a connection ended.</summary>
internal enum NextStep
{
    Resume,
    Identify,
    Fatal,
}

/// <summary>How a connection ended: what to do next, why (for the log), and whether to reconnect at once.</summary>
internal sealed record SessionEnd(NextStep Next, string Reason, bool Immediate = false, bool AfterInvalidSession = false);

/// <summary>Everything a shard shares with its siblings.</summary>
internal sealed record ShardContext(
    Uri GatewayUrl,
    int ShardCount,
    string Token,
    IdentifyGate Gate,
    IGatewaySocketFactory Sockets,
    GatewayInteractionDispatcher Dispatcher,
    GatewayStatus Status,
    GatewayMetrics Metrics,
    GatewayTimings Timings,
    TimeProvider Time,
    ILogger Logger);

/// <summary>
/// One Gateway connection (gateway#connection-lifecycle): connect, Hello, heartbeat every <c>heartbeat_interval</c>
/// (the first after <c>interval × random</c>), Identify or Resume, then read events, keeping the last sequence number.
/// A heartbeat not acknowledged before the next one is due marks a zombie connection: close and resume. Reconnect
/// (op 7) resumes at once; Invalid Session (op 9) resumes when <c>d</c> is true and otherwise identifies anew after
/// 1–5 s; close codes resume, re-identify or stop as the close-code table says. Drops back off exponentially.
/// </summary>
internal sealed class GatewayShard(int shardId, ShardContext context)
{
    /// <summary>Any code but 1000/1001 keeps the session alive for a resume (gateway#initiating-a-disconnect).</summary>
    private const int ResumableCloseCode = 4000;

    private readonly Lock _heartbeatLock = new();
    private string? _sessionId;
    private Uri? _resumeUrl;
    private long _sequence = -1;
    private bool _awaitingAck;
    private long _heartbeatSentAt;
    private bool _zombie;
    private bool _established;
    private GatewaySendBudget _budget = null!; // a new one per connection, set before the first send

    public int ShardId => shardId;

    /// <summary>Runs until the host stops (throws <see cref="OperationCanceledException"/>) or a fatal close (returns why).</summary>
    public async Task<string> RunAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        var resume = false;
        while (true)
        {
            stoppingToken.ThrowIfCancellationRequested();
            var canResume = resume && _sessionId is not null && _resumeUrl is not null && Volatile.Read(ref _sequence) >= 0;
            if (!canResume)
            {
                _sessionId = null;
                _resumeUrl = null;
                Volatile.Write(ref _sequence, -1);
            }

            SessionEnd end;
            var connected = false;
            _established = false;
            try
            {
                (end, connected) = await RunSessionAsync(canResume, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception) when (exception is WebSocketException or IOException or JsonException
                                                  or OperationCanceledException or InvalidOperationException or KeyNotFoundException or TimeoutException)
            {
                end = new SessionEnd(NextStep.Resume, $"connection lost ({exception.GetType().Name})");
            }
            finally
            {
                context.Status.SetConnected(shardId, false);
            }

            if (end.Next == NextStep.Fatal)
            {
                return $"shard {shardId}: {end.Reason}";
            }

            // A session that got READY or RESUMED starts the backoff over, also when it ended in an exception (the
            // usual network drop), so that one outage's backoff is not carried into the next.
            connected |= _established;
            failures = connected ? 1 : failures + 1;
            var delay = end.AfterInvalidSession ? context.Timings.InvalidSessionDelay()
                : end.Immediate ? TimeSpan.Zero
                : context.Timings.Backoff(failures);
            resume = end.Next == NextStep.Resume;
            var resuming = resume && _sessionId is not null;
            context.Metrics.Reconnecting(shardId, resuming);
            context.Logger.ShardReconnecting(shardId, delay, resuming ? "resume" : "identify", end.Reason);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.Time, stoppingToken);
            }
        }
    }

    private async Task<(SessionEnd End, bool Connected)> RunSessionAsync(bool resuming, CancellationToken stoppingToken)
    {
        var url = GatewayPayloads.WithQuery(resuming ? _resumeUrl! : context.GatewayUrl);
        await using var socket = context.Sockets.Create();
        _budget = new GatewaySendBudget(context.Time);
        await socket.ConnectAsync(url, stoppingToken).WaitAsync(context.Timings.ConnectTimeout, context.Time, stoppingToken);
        var hello = await socket.ReceiveAsync(stoppingToken).WaitAsync(context.Timings.HelloTimeout, context.Time, stoppingToken);
        if (hello.IsClose)
        {
            await AnswerCloseAsync(socket, hello);
            return (Closed(hello), false);
        }

        TimeSpan interval;
        using (var document = JsonDocument.Parse(hello.Text!))
        {
            var root = document.RootElement;
            var op = root.GetProperty("op").GetInt32();
            if (op == GatewayOp.Reconnect)
            {
                await CloseQuietlyAsync(socket, ResumableCloseCode);
                return (new SessionEnd(NextStep.Resume, "Reconnect (op 7) before Hello", Immediate: true), false);
            }

            if (op != GatewayOp.Hello || !root.TryGetProperty("d", out var d) || !d.TryGetProperty("heartbeat_interval", out var ms)
                || !ms.TryGetDouble(out var milliseconds) || milliseconds <= 0)
            {
                await CloseQuietlyAsync(socket, ResumableCloseCode);
                return (new SessionEnd(NextStep.Resume, $"expected Hello (op 10), got op {op}"), false);
            }

            interval = TimeSpan.FromMilliseconds(milliseconds);
        }

        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        lock (_heartbeatLock)
        {
            _awaitingAck = false;
            _zombie = false;
        }

        var heartbeats = HeartbeatLoopAsync(socket, interval, session);
        var connected = false;
        try
        {
            if (resuming)
            {
                _budget.TryTake(timedHeartbeat: false); // the first send on a new connection: always room
                await socket.SendAsync(GatewayPayloads.Resume(context.Token, _sessionId!, Volatile.Read(ref _sequence)), session.Token);
                context.Metrics.Resumed(shardId);
            }
            else
            {
                // The identify limit is about Identify payloads, so the gate is taken here, after Hello, right before
                // sending (heartbeats keep the connection alive meanwhile).
                await context.Gate.WaitAsync(shardId, session.Token);
                context.Logger.Identifying(shardId, context.ShardCount);
                _budget.TryTake(timedHeartbeat: false);
                await socket.SendAsync(GatewayPayloads.Identify(context.Token, shardId, context.ShardCount), session.Token);
                context.Metrics.Identified(shardId);
            }

            while (true)
            {
                var frame = await socket.ReceiveAsync(session.Token);
                if (frame.IsClose)
                {
                    await AnswerCloseAsync(socket, frame);
                    return (Closed(frame), connected);
                }

                if (frame.Text!.Length == 0)
                {
                    continue;
                }

                var receivedAt = context.Time.GetTimestamp();
                using var document = JsonDocument.Parse(frame.Text);
                var root = document.RootElement;
                switch (root.GetProperty("op").GetInt32())
                {
                    case GatewayOp.Dispatch:
                        if (root.TryGetProperty("s", out var s) && s.TryGetInt64(out var sequence))
                        {
                            Volatile.Write(ref _sequence, sequence);
                        }

                        connected |= OnDispatch(root, receivedAt);
                        break;
                    case GatewayOp.Heartbeat:
                        // Discord asks for a heartbeat now. Within the send limit only: a flood of requests is
                        // answered up to the budget, and the timed heartbeats keep the connection alive meanwhile.
                        if (_budget.TryTake(timedHeartbeat: false))
                        {
                            await SendHeartbeatAsync(socket, session.Token);
                        }

                        break;
                    case GatewayOp.Reconnect:
                        await CloseQuietlyAsync(socket, ResumableCloseCode);
                        return (new SessionEnd(NextStep.Resume, "Discord asked to reconnect (op 7)", Immediate: true), connected);
                    case GatewayOp.InvalidSession:
                        var resumable = root.TryGetProperty("d", out var r) && r.ValueKind == JsonValueKind.True;
                        context.Logger.InvalidSession(shardId, resumable);
                        context.Metrics.InvalidSession(shardId, resumable);
                        await CloseQuietlyAsync(socket, ResumableCloseCode);
                        return resumable
                            ? (new SessionEnd(NextStep.Resume, "invalid session (op 9, resumable)", Immediate: true), connected)
                            : (new SessionEnd(NextStep.Identify, "invalid session (op 9, not resumable)", AfterInvalidSession: true), connected);
                    case GatewayOp.HeartbeatAck:
                        OnHeartbeatAck();
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The heartbeat loop cancelled the session: a missed ACK (zombie) or a failed heartbeat send.
            bool zombie;
            lock (_heartbeatLock)
            {
                zombie = _zombie;
            }

            if (zombie)
            {
                context.Logger.ZombieConnection(shardId);
                return (new SessionEnd(NextStep.Resume, "no heartbeat ACK (zombie connection)", Immediate: true), connected);
            }

            return (new SessionEnd(NextStep.Resume, "heartbeat could not be sent"), connected);
        }
        finally
        {
            if (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: 1000 ends the session so the bot shows offline at once.
                await CloseQuietlyAsync(socket, (int)WebSocketCloseStatus.NormalClosure);
            }

            await session.CancelAsync();
            await heartbeats;
        }
    }

    /// <summary>Handles a dispatch; true when it completed the handshake (READY or RESUMED).</summary>
    private bool OnDispatch(JsonElement root, long receivedAt)
    {
        var type = root.TryGetProperty("t", out var t) ? t.GetString() : null;
        var data = root.TryGetProperty("d", out var d) ? d : default;
        switch (type)
        {
            case "READY":
                _sessionId = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("session_id", out var id) ? id.GetString() : null;
                _resumeUrl = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("resume_gateway_url", out var resumeUrl)
                             && Uri.TryCreate(resumeUrl.GetString(), UriKind.Absolute, out var parsed) && GatewayPayloads.IsAcceptable(parsed)
                    ? parsed
                    : null;
                _established = true;
                context.Status.SetConnected(shardId, true);
                context.Logger.ShardConnected(shardId, context.ShardCount);
                return true;
            case "RESUMED":
                _established = true;
                context.Status.SetConnected(shardId, true);
                context.Logger.ShardResumed(shardId, context.ShardCount);
                return true;
            case "INTERACTION_CREATE":
                // Answered off the receive loop, so heartbeats and other events keep flowing; never throws. The
                // dispatcher tracks it, so stopping the host waits for its answer.
                context.Dispatcher.Dispatch(shardId, data.Clone(), receivedAt);
                return false;
            default:
                return false;
        }
    }

    private async Task HeartbeatLoopAsync(IGatewaySocket socket, TimeSpan interval, CancellationTokenSource session)
    {
        var token = session.Token;
        try
        {
            // The first beat after interval × jitter (jitter in [0, 1)), so reconnecting clients spread out.
            await Task.Delay(interval * Random.Shared.NextDouble(), context.Time, token);
            while (!token.IsCancellationRequested)
            {
                bool zombie;
                lock (_heartbeatLock)
                {
                    zombie = _awaitingAck;
                    _zombie |= zombie;
                }

                if (zombie)
                {
                    // Close with a code other than 1000/1001, so the session stays resumable, before the receive is
                    // cancelled (cancelling it aborts the socket): the server sees a close frame, not a dropped connection.
                    await CloseQuietlyAsync(socket, ResumableCloseCode);
                    await session.CancelAsync();
                    return;
                }

                // Always room unless the interval is far below Discord's (the reserve covers a beat every 12 s).
                if (_budget.TryTake(timedHeartbeat: true))
                {
                    await SendHeartbeatAsync(socket, token);
                }

                await Task.Delay(interval, context.Time, token);
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            await session.CancelAsync();
        }
    }

    private async Task SendHeartbeatAsync(IGatewaySocket socket, CancellationToken cancellationToken)
    {
        var sequence = Volatile.Read(ref _sequence);
        lock (_heartbeatLock)
        {
            _awaitingAck = true;
            _heartbeatSentAt = context.Time.GetTimestamp();
        }

        await socket.SendAsync(GatewayPayloads.Heartbeat(sequence >= 0 ? sequence : null), cancellationToken);
    }

    private void OnHeartbeatAck()
    {
        TimeSpan latency;
        lock (_heartbeatLock)
        {
            if (!_awaitingAck)
            {
                return;
            }

            _awaitingAck = false;
            latency = context.Time.GetElapsedTime(_heartbeatSentAt);
        }

        context.Status.SetLatency(shardId, latency);
        context.Metrics.HeartbeatLatency(shardId, latency);
        var milliseconds = Math.Round(latency.TotalMilliseconds, 1);
        context.Logger.HeartbeatLatency(shardId, milliseconds);
    }

    private static SessionEnd Closed(GatewayFrame frame)
    {
        var reason = "closed by Discord: " + GatewayCloseCodes.Describe(frame.CloseCode);
        return GatewayCloseCodes.Classify(frame.CloseCode) switch
        {
            CloseAction.Fatal => new SessionEnd(NextStep.Fatal, reason),
            CloseAction.Reidentify => new SessionEnd(NextStep.Identify, reason),
            _ => new SessionEnd(NextStep.Resume, reason),
        };
    }

    /// <summary>
    /// Completes the close handshake the server started (RFC 6455 §5.5.1), echoing Discord's own codes; any other code
    /// is answered with 4000, which keeps the session resumable on our side.
    /// </summary>
    private Task AnswerCloseAsync(IGatewaySocket socket, GatewayFrame frame) =>
        CloseQuietlyAsync(socket, frame.CloseCode is >= 4000 and <= 4999 ? frame.CloseCode.Value : ResumableCloseCode);

    private async Task CloseQuietlyAsync(IGatewaySocket socket, int code)
    {
        try
        {
            var reason = code == (int)WebSocketCloseStatus.NormalClosure ? "shutting down" : "reconnecting";
            await socket.CloseAsync(code, reason, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2), context.Time);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException
                                              or ObjectDisposedException or TimeoutException)
        {
            // The connection is being abandoned anyway.
        }
    }
}
