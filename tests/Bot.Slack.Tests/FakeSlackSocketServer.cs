using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bot.Slack.Tests;

/// <summary>
/// A local stand-in for Slack's Socket Mode: <c>POST /api/apps.connections.open</c> hands out
/// <c>ws://127.0.0.1:port/socket</c>, and each WebSocket accepted there is given to the test to drive.
/// </summary>
internal sealed class FakeSlackSocketServer : IAsyncDisposable
{
    public const string AppToken = "xapp-1-A1-123-test";

    private readonly WebApplication _app;
    private int _opens;
    private int _failOpensLeft;
    private int _refuseSocketsLeft;
    private int _refusedSockets;

    private FakeSlackSocketServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public Uri ApiBaseUrl => new(BaseAddress, "/api");

    public int Opens => Volatile.Read(ref _opens);

    /// <summary>What apps.connections.open answers, when not the default success.</summary>
    public string? OpenResponse { get; set; }

    /// <summary>How many of the next apps.connections.open calls answer <c>{"ok":false,"error":"internal_error"}</c>.</summary>
    public int FailNextOpens
    {
        set => Volatile.Write(ref _failOpensLeft, value);
    }

    /// <summary>How many of the next WebSocket handshakes on <c>/socket</c> are refused with HTTP 503.</summary>
    public int RefuseNextSockets
    {
        set => Volatile.Write(ref _refuseSocketsLeft, value);
    }

    /// <summary>WebSocket handshakes refused so far.</summary>
    public int RefusedSockets => Volatile.Read(ref _refusedSockets);

    public Channel<FakeConnection> Connections { get; } = Channel.CreateUnbounded<FakeConnection>();

    public Channel<string> ResponseUrlPosts { get; } = Channel.CreateUnbounded<string>();

    /// <summary>Posts that reached <c>/hang/…</c>, a response_url that never answers until <see cref="ReleaseHungPosts"/>.</summary>
    public Channel<string> HungPosts { get; } = Channel.CreateUnbounded<string>();

    private TaskCompletionSource Hang { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets every post held at <c>/hang/…</c> be answered (200).</summary>
    public void ReleaseHungPosts() => Hang.TrySetResult();

    public static async Task<FakeSlackSocketServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeSlackSocketServer(app);
        app.UseWebSockets();
        app.MapPost("/api/apps.connections.open", (HttpContext context) =>
        {
            Interlocked.Increment(ref server._opens);
            if (context.Request.Headers.Authorization != "Bearer " + AppToken)
            {
                return Results.Content("{\"ok\":false,\"error\":\"invalid_auth\"}", "application/json");
            }

            if (Interlocked.Decrement(ref server._failOpensLeft) >= 0)
            {
                return Results.Content("{\"ok\":false,\"error\":\"internal_error\"}", "application/json");
            }

            var ws = new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = "/socket" }.Uri;
            return Results.Content(server.OpenResponse ?? $"{{\"ok\":true,\"url\":\"{ws.AbsoluteUri}\"}}", "application/json");
        });
        app.Map("/socket", async (HttpContext context) =>
        {
            if (Interlocked.Decrement(ref server._refuseSocketsLeft) >= 0)
            {
                Interlocked.Increment(ref server._refusedSockets);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var connection = new FakeConnection(socket);
            await server.Connections.Writer.WriteAsync(connection);
            await connection.Finished.Task;
        });
        app.MapPost("/hooks/{**rest}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            await server.ResponseUrlPosts.Writer.WriteAsync(await reader.ReadToEndAsync());
            return Results.Ok();
        });
        app.MapPost("/hang/{**rest}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            await server.HungPosts.Writer.WriteAsync(await reader.ReadToEndAsync());
            await server.Hang.Task.WaitAsync(context.RequestAborted);
            return Results.Ok();
        });
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.First());
        return server;
    }

    public async Task<FakeConnection> NextConnectionAsync(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(10));
        return await Connections.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseHungPosts();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One accepted Socket Mode connection, driven by the test.</summary>
internal sealed class FakeConnection(WebSocket socket)
{
    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task SendAsync(string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>The next text message from the bot, or null when it closed the connection.</summary>
    public async Task<string?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    /// <summary>Drops the connection without a close handshake, as a network failure would.</summary>
    public void Drop()
    {
        socket.Abort();
        Finished.TrySetResult();
    }

    public void Release() => Finished.TrySetResult();
}
