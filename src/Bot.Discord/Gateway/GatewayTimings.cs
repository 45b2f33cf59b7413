using Bot.Core.Operations;

namespace Bot.Discord.Gateway;

/// <summary>
/// The Gateway client's clock settings, from Discord's documentation. Not configuration: the defaults are the
/// documented values; tests register shorter ones.
/// </summary>
internal sealed class GatewayTimings
{
    /// <summary><c>max_concurrency</c> identifies are allowed per this window (gateway#session-start-limit-object).</summary>
    public TimeSpan IdentifyWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reconnect backoff after a drop: min·2^(n-1), capped, then 50–100 % jitter.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>After Invalid Session (op 9, d=false), wait a random 1–5 s before identifying again.</summary>
    public TimeSpan InvalidSessionMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan InvalidSessionMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The initial interaction response must reach Discord within 3 s of the interaction.</summary>
    public TimeSpan CallbackWindow { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A slash command whose answer is not ready this long after it arrived is deferred (type 5) and its answer edited
    /// in later, so the initial response never misses <see cref="CallbackWindow"/>.
    /// </summary>
    public TimeSpan DeferAfter { get; init; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>An interaction token accepts follow-ups (such as editing the original response) for 15 minutes.</summary>
    public TimeSpan FollowUpWindow { get; init; } = TimeSpan.FromMinutes(15);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for Hello after the socket opens.</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The reconnect wait after <paramref name="failures"/> failures (<see cref="ReconnectBackoff"/>, shared with Socket Mode).</summary>
    public TimeSpan Backoff(int failures) => ReconnectBackoff.Delay(failures, ReconnectMinDelay, ReconnectMaxDelay);

    public TimeSpan InvalidSessionDelay()
    {
        var min = InvalidSessionMinDelay.TotalMilliseconds;
        var max = Math.Max(min, InvalidSessionMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(min + (Random.Shared.NextDouble() * (max - min)));
    }
}
