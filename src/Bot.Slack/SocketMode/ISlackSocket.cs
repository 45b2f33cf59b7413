using System.Net.WebSockets;
using System.Text;

namespace Bot.Slack.SocketMode;

/// <summary>One Socket Mode WebSocket, as text messages: the seam tests can fill with a fake.</summary>
internal interface ISlackSocket : IAsyncDisposable
{
    Task ConnectAsync(Uri url, CancellationToken cancellationToken);

    /// <summary>The next whole text message, or null when the peer closed the connection.</summary>
    Task<string?> ReceiveAsync(CancellationToken cancellationToken);

    Task SendAsync(string message, CancellationToken cancellationToken);

    Task CloseAsync(CancellationToken cancellationToken);
}

internal interface ISlackSocketFactory
{
    ISlackSocket Create();
}

/// <summary>
/// Real sockets that notice a dead link: every <see cref="KeepAliveInterval"/> the bot sends a WebSocket ping, and a
/// pong that does not come back within <see cref="KeepAliveTimeout"/> aborts the connection, so the worker reconnects.
/// Without it a half-open connection (a NAT or proxy that silently forgot it) would leave the bot deaf until the
/// operating system gave up on the socket, which on an idle connection is never. A handshake that takes longer than
/// <see cref="ConnectTimeout"/> is abandoned the same way.
/// </summary>
internal sealed class ClientWebSocketFactory : ISlackSocketFactory
{
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public ISlackSocket Create() => new ClientWebSocketConnection(KeepAliveInterval, KeepAliveTimeout, ConnectTimeout);
}

/// <summary>The real socket: <see cref="ClientWebSocket"/>, messages reassembled from frames.</summary>
internal sealed class ClientWebSocketConnection : ISlackSocket
{
    private const int MaxMessageBytes = 4 * 1024 * 1024;

    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly TimeSpan _connectTimeout;

    public ClientWebSocketConnection(TimeSpan keepAliveInterval, TimeSpan keepAliveTimeout, TimeSpan connectTimeout)
    {
        _socket.Options.KeepAliveInterval = keepAliveInterval;
        _socket.Options.KeepAliveTimeout = keepAliveTimeout;
        _connectTimeout = connectTimeout;
    }

    public async Task ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_connectTimeout);
        try
        {
            await _socket.ConnectAsync(url, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebSocketException(WebSocketError.Faulted, $"The Socket Mode handshake took longer than {_connectTimeout}.");
        }
    }

    public async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(_buffer, 0, result.Count);
            if (message.Length > MaxMessageBytes)
            {
                throw new WebSocketException(WebSocketError.Faulted, "A Socket Mode message was larger than 4 MiB.");
            }

            if (result.EndOfMessage)
            {
                return result.MessageType == WebSocketMessageType.Text ? Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length) : "";
            }
        }
    }

    public Task SendAsync(string message, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", cancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
