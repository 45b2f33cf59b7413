namespace Bot.Discord.Gateway;

/// <summary>
/// Discord's send limit for one Gateway connection: at most <see cref="Limit"/> payloads per <see cref="Window"/>
/// (gateway#rate-limiting; a client over it is disconnected with 4008). The last <see cref="ReservedForHeartbeats"/>
/// sends of a window are kept for the bot's own timed heartbeats, so a flood of anything else (for example heartbeat
/// requests from the server) can never crowd out the heartbeat that keeps the connection alive. One per connection.
/// </summary>
internal sealed class GatewaySendBudget(TimeProvider time)
{
    public const int Limit = 120;

    public const int ReservedForHeartbeats = 5;

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Lock _lock = new();
    private readonly Queue<long> _sent = new();

    /// <summary>
    /// Counts one send if the window has room for it and returns true; false means "do not send now". A timed
    /// heartbeat may use the reserved room; every other payload may not.
    /// </summary>
    public bool TryTake(bool timedHeartbeat)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            while (_sent.Count > 0 && time.GetElapsedTime(_sent.Peek(), now) >= Window)
            {
                _sent.Dequeue();
            }

            if (_sent.Count >= (timedHeartbeat ? Limit : Limit - ReservedForHeartbeats))
            {
                return false;
            }

            _sent.Enqueue(now);
            return true;
        }
    }
}
