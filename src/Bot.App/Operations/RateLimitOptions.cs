namespace Bot.App.Operations;

/// <summary>
/// <c>RateLimits</c>: how many commands one person, and one channel, may send in a window before the bot answers
/// "slow down" instead. A moderator's <c>/facts</c> commands, autocomplete and paging buttons are not limited.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    public RateLimitWindow PerUser { get; set; } = new() { Permits = 10, Window = TimeSpan.FromMinutes(1) };

    public RateLimitWindow PerChannel { get; set; } = new() { Permits = 60, Window = TimeSpan.FromMinutes(1) };
}

/// <summary>
/// At most <see cref="Permits"/> commands at once, refilled evenly over <see cref="Window"/> (a token bucket: a burst
/// of <see cref="Permits"/>, then one every <see cref="Window"/> ÷ <see cref="Permits"/>).
/// </summary>
public sealed class RateLimitWindow
{
    public int Permits { get; set; }

    public TimeSpan Window { get; set; }
}
