namespace Bot.Core.Operations;

/// <summary>
/// The wait before reconnecting after a connection (Discord Gateway shard, Slack Socket Mode) dropped or could not be
/// opened: capped exponential backoff with jitter, <c>min·2^(failures−1)</c>, at most <c>max</c>, then scaled by
/// 50–100 % so that many clients dropped together do not reconnect together.
/// </summary>
public static class ReconnectBackoff
{
    public static TimeSpan Delay(int failures, TimeSpan min, TimeSpan max)
    {
        var minMs = min.TotalMilliseconds;
        var exponential = Math.Min(max.TotalMilliseconds, minMs * Math.Pow(2, Math.Clamp(failures - 1, 0, 30)));
        var jitter = 0.5 + (Random.Shared.NextDouble() * 0.5);
        return TimeSpan.FromMilliseconds(Math.Max(minMs / 2, exponential * jitter));
    }
}
