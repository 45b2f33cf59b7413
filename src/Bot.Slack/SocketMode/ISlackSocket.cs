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

internal sealed class ClientWebSocketFactory : ISlackSocketFactory
{
    public ISlackSocket Create() => new ClientWebSocketConnection();
}

/// <summary>The real socket: <see cref="ClientWebSocket"/>, messages reassembled from frames.</summary>
internal sealed class ClientWebSocketConnection : ISlackSocket
{
    private const int MaxMessageBytes = 4 * 1024 * 1024;

    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[16 * 1024];

    public Task ConnectAsync(Uri url, CancellationToken cancellationToken) => _socket.ConnectAsync(url, cancellationToken);

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
