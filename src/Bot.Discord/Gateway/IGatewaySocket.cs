using System.Net.WebSockets;
using System.Text;

namespace Bot.Discord.Gateway;

/// <summary>One frame from the Gateway: a whole text message, or the close (with Discord's close code when sent).</summary>
internal readonly record struct GatewayFrame(string? Text, int? CloseCode, string? CloseReason)
{
    public bool IsClose => Text is null;

    public static GatewayFrame Closed(int? code, string? reason) => new(null, code, reason);
}

/// <summary>One Gateway WebSocket, as text messages: the seam tests can replace.</summary>
internal interface IGatewaySocket : IAsyncDisposable
{
    Task ConnectAsync(Uri url, CancellationToken cancellationToken);

    /// <summary>The next whole text message, or the close frame the peer sent.</summary>
    Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Sends one text message; safe to call from the heartbeat and the receive loop at once.</summary>
    Task SendAsync(string message, CancellationToken cancellationToken);

    /// <summary>Sends a close frame. Any code but 1000/1001 keeps the session resumable.</summary>
    Task CloseAsync(int code, string reason, CancellationToken cancellationToken);
}

internal interface IGatewaySocketFactory
{
    IGatewaySocket Create();
}

internal sealed class ClientWebSocketGatewayFactory : IGatewaySocketFactory
{
    public IGatewaySocket Create() => new ClientWebSocketGatewaySocket();
}

/// <summary>The real socket: <see cref="ClientWebSocket"/>, messages reassembled from frames, sends serialized.</summary>
internal sealed class ClientWebSocketGatewaySocket : IGatewaySocket
{
    /// <summary>READY and GUILD_CREATE can be large; a bot with no intents gets small ones, but allow room.</summary>
    private const int MaxMessageBytes = 8 * 1024 * 1024;

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly byte[] _buffer = new byte[16 * 1024];

    public Task ConnectAsync(Uri url, CancellationToken cancellationToken) => _socket.ConnectAsync(url, cancellationToken);

    public async Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return GatewayFrame.Closed((int?)result.CloseStatus, result.CloseStatusDescription);
            }

            message.Write(_buffer, 0, result.Count);
            if (message.Length > MaxMessageBytes)
            {
                throw new WebSocketException(WebSocketError.Faulted, "A Gateway message was larger than 8 MiB.");
            }

            if (result.EndOfMessage)
            {
                // Binary frames are ETF or compressed data, which this client never asks for.
                return result.MessageType == WebSocketMessageType.Text
                    ? new GatewayFrame(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length), null, null)
                    : new GatewayFrame("", null, null);
            }
        }
    }

    public async Task SendAsync(string message, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async Task CloseAsync(int code, string reason, CancellationToken cancellationToken)
    {
        // after any send in progress: one outstanding send (a close is one) at a time
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, cancellationToken);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _sendLock.Dispose();
        return ValueTask.CompletedTask;
    }
}
