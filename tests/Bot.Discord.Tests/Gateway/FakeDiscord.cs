using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests.Gateway;

/// <summary>
/// A local stand-in for Discord on 127.0.0.1 (Kestrel, random port): the REST routes the Gateway client calls
/// (<c>GET /api/v10/gateway/bot</c>, <c>POST /api/v10/interactions/{id}/{token}/callback</c>) and two WebSocket
/// endpoints, <c>/gateway</c> (from Get Gateway Bot) and <c>/resume</c> (the READY <c>resume_gateway_url</c>).
/// Each accepted WebSocket becomes a <see cref="FakeGatewayConnection"/> the test drives.
/// </summary>
internal sealed class FakeDiscord : IAsyncDisposable
{
    // Generous but bounded: CI runs several test assemblies at once on two cores.
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly WebApplication _app;
    private readonly Channel<FakeGatewayConnection> _connections = Channel.CreateUnbounded<FakeGatewayConnection>();
    private int _rateLimitsLeft;
    private int _serverErrorsLeft;
    private int _editRateLimitsLeft;
    private int _refuseConnectionsLeft;
    private int _refusedConnections;

    private FakeDiscord(WebApplication app) => _app = app;

    public int Shards { get; set; } = 1;

    public int MaxConcurrency { get; set; } = 1;

    public int Remaining { get; set; } = 999;

    public string BaseUrl => _app.Urls.First();

    public string ApiBaseUrl => BaseUrl + "/api/v10";

    public string WsBase => "ws" + BaseUrl["http".Length..];

    public ConcurrentQueue<string?> GatewayBotAuthorizations { get; } = new();

    public ConcurrentQueue<Callback> Callbacks { get; } = new();

    /// <summary>Edits of the original response (<c>PATCH /webhooks/{application_id}/{token}/messages/@original</c>).</summary>
    public ConcurrentQueue<Edit> Edits { get; } = new();

    /// <summary>How many edits get 429 before one is accepted.</summary>
    public int EditRateLimits
    {
        set => Volatile.Write(ref _editRateLimitsLeft, value);
    }

    /// <summary>How many of the next WebSocket handshakes (<c>/gateway</c> or <c>/resume</c>) are refused with HTTP 503.</summary>
    public int RefuseNextConnections
    {
        set => Volatile.Write(ref _refuseConnectionsLeft, value);
    }

    /// <summary>WebSocket handshakes refused so far.</summary>
    public int RefusedConnections => Volatile.Read(ref _refusedConnections);

    /// <summary>How many callbacks get 503 (no Retry-After) before one is accepted (after any 429s).</summary>
    public int CallbackServerErrors
    {
        set => Volatile.Write(ref _serverErrorsLeft, value);
    }

    /// <summary>How many callbacks get 429 before one is accepted.</summary>
    public int CallbackRateLimits
    {
        set => Volatile.Write(ref _rateLimitsLeft, value);
    }

    public static async Task<FakeDiscord> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeDiscord(app);
        app.UseWebSockets();
        app.MapGet("/api/v10/gateway/bot", (HttpContext http) =>
        {
            fake.GatewayBotAuthorizations.Enqueue(http.Request.Headers.Authorization.ToString());
            return Results.Text($$$"""
                {"url":"{{{fake.WsBase}}}/gateway","shards":{{{fake.Shards}}},
                 "session_start_limit":{"total":1000,"remaining":{{{fake.Remaining}}},"reset_after":14400000,"max_concurrency":{{{fake.MaxConcurrency}}}}}
                """, "application/json");
        });
        app.MapPost("/api/v10/interactions/{id}/{token}/callback", async (HttpContext http, string id, string token) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var limited = Interlocked.Decrement(ref fake._rateLimitsLeft) >= 0;
            var failing = !limited && Interlocked.Decrement(ref fake._serverErrorsLeft) >= 0;
            fake.Callbacks.Enqueue(new Callback(id, token, body, http.Request.Headers.UserAgent.ToString(), limited ? 429 : failing ? 503 : 204, DateTimeOffset.UtcNow));
            if (limited)
            {
                return Results.Text("""{"message":"You are being rate limited.","retry_after":0.05,"global":false}""", "application/json", statusCode: 429);
            }

            if (failing)
            {
                return Results.StatusCode(503);
            }

            return Results.NoContent();
        });
        app.MapMethods("/api/v10/webhooks/{applicationId}/{token}/messages/@original", ["PATCH"], async (HttpContext http, string applicationId, string token) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var limited = Interlocked.Decrement(ref fake._editRateLimitsLeft) >= 0;
            fake.Edits.Enqueue(new Edit(applicationId, token, body, limited ? 429 : 200, DateTimeOffset.UtcNow));
            return limited
                ? Results.Text("""{"message":"You are being rate limited.","retry_after":0.05,"global":false}""", "application/json", statusCode: 429)
                : Results.Text("""{"id":"5555555555555555555","type":20}""", "application/json");
        });

        async Task AcceptAsync(HttpContext http)
        {
            if (!http.WebSockets.IsWebSocketRequest)
            {
                http.Response.StatusCode = 400;
                return;
            }

            if (Interlocked.Decrement(ref fake._refuseConnectionsLeft) >= 0)
            {
                Interlocked.Increment(ref fake._refusedConnections);
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            using var connection = new FakeGatewayConnection(http.Request.Path, http.Request.QueryString.Value ?? "", socket);
            await fake._connections.Writer.WriteAsync(connection);
            await connection.Done;
        }

        app.Map("/gateway", AcceptAsync);
        app.Map("/resume", AcceptAsync);
        await app.StartAsync();
        return fake;
    }

    /// <summary>The next WebSocket the bot opened; fails the test after <see cref="Wait"/>.</summary>
    /// <summary>The bot's next connection taken through Hello, Identify (and the first heartbeat) and READY: a live session.</summary>
    public async Task<FakeGatewayConnection> NextReadySessionAsync(string sessionId = "session-1", int sequence = 1)
    {
        var connection = await NextConnectionAsync();
        await connection.HelloAsync();
        await connection.ReceiveAsync(2);
        await connection.ReadyAsync(sessionId, WsBase + "/resume", sequence);
        return connection;
    }

    public async Task<FakeGatewayConnection> NextConnectionAsync(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? Wait);
        return await _connections.Reader.ReadAsync(timeout.Token);
    }

    public bool HasPendingConnection => _connections.Reader.TryPeek(out _);

    public async ValueTask DisposeAsync()
    {
        while (_connections.Reader.TryRead(out var connection))
        {
            connection.Abort();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed record Callback(string Id, string Token, string Body, string UserAgent, int Status, DateTimeOffset At);

    internal sealed record Edit(string ApplicationId, string Token, string Body, int Status, DateTimeOffset At);
}

/// <summary>One Gateway connection as Discord's side sees it: send events, read what the bot sent, close with a code.</summary>
internal sealed class FakeGatewayConnection : IDisposable
{
    private readonly WebSocket _socket;
    private readonly Channel<JsonObject> _received = Channel.CreateUnbounded<JsonObject>();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _botCloseCode = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private int _heartbeats;
    private int _sent;

    public FakeGatewayConnection(string path, string query, WebSocket socket)
    {
        Path = path;
        Query = query;
        _socket = socket;
        _ = ReadLoopAsync();
    }

    public string Path { get; }

    public string Query { get; }

    /// <summary>Answer every heartbeat with a Heartbeat ACK (op 11).</summary>
    public bool AutoAck { get; set; } = true;

    public int Heartbeats => Volatile.Read(ref _heartbeats);

    public ConcurrentQueue<JsonNode?> HeartbeatData { get; } = new();

    public Task Done => _done.Task;

    /// <summary>
    /// The close code of the close frame the bot sent, or 1006 (as browsers report it) when the bot dropped the
    /// connection without one.
    /// </summary>
    public Task<int> BotCloseCode => _botCloseCode.Task;

    /// <summary>Every message the bot sent on this connection, heartbeats included.</summary>
    public int Sent => Volatile.Read(ref _sent);

    public Task SendAsync(string json) => SendRawAsync(json);

    /// <summary>
    /// Hello (op 10). The default interval is long enough that a busy machine never takes a late ACK for a zombie
    /// connection (which closes it) while a test is still stepping through the handshake; tests about heartbeats and
    /// zombies pass a short interval of their own.
    /// </summary>
    public Task HelloAsync(int intervalMs = 2000) => SendAsync($$"""{"op":10,"d":{"heartbeat_interval":{{intervalMs}}},"s":null,"t":null}""");

    public Task ReadyAsync(string sessionId, string resumeUrl, int sequence = 1, int shard = 0, int shards = 1) => SendAsync($$$"""
        {"op":0,"s":{{{sequence}}},"t":"READY","d":{"v":10,"user":{"id":"123456789012345678","username":"bot","bot":true},"guilds":[],
         "session_id":"{{{sessionId}}}","resume_gateway_url":"{{{resumeUrl}}}","shard":[{{{shard}}},{{{shards}}}],"application":{"id":"123456789012345678","flags":0
        """ + "}}}");

    public Task DispatchAsync(string type, int sequence, string data) => SendAsync($$"""{"op":0,"s":{{sequence}},"t":"{{type}}","d":""" + data + "}");

    /// <summary>The next message with opcode <paramref name="op"/> (heartbeats are counted, not queued).</summary>
    public async Task<JsonObject> ReceiveAsync(int op, TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? FakeDiscord.Wait);
        while (true)
        {
            var message = await _received.Reader.ReadAsync(timeout.Token);
            if ((int)message["op"]! == op)
            {
                return message;
            }
        }
    }

    public async Task CloseAsync(int code, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        finally
        {
            try
            {
                _sendLock.Release();
            }
            catch (ObjectDisposedException)
            {
                // The bot answered the close at once and the connection was disposed meanwhile: nothing left to guard.
            }
        }
    }

    public void Dispose() => _sendLock.Dispose();

    public void Abort()
    {
        _socket.Abort();
        _done.TrySetResult();
    }

    private async Task SendRawAsync(string json)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        _botCloseCode.TrySetResult((int?)result.CloseStatus ?? 1005);
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var json = JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!.AsObject();
                Interlocked.Increment(ref _sent);
                if ((int)json["op"]! == 1)
                {
                    HeartbeatData.Enqueue(json["d"]?.DeepClone());
                    Interlocked.Increment(ref _heartbeats);
                    if (AutoAck)
                    {
                        await SendRawAsync("""{"op":11}""");
                    }

                    continue;
                }

                await _received.Writer.WriteAsync(json);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The bot dropped the connection.
        }
        finally
        {
            _botCloseCode.TrySetResult(1006); // no close frame came
            _received.Writer.TryComplete();
            _done.TrySetResult();
        }
    }
}
