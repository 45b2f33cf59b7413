namespace Bot.App.Operations;

/// <summary>
/// <c>RateLimits</c>: how many commands one person, and one channel, may send in a window before the bot answers
/// "slow down" instead (a button that runs a suggested command counts as a command), and how many pages one person
/// may turn with Previous/Next. A moderator's <c>/facts</c> commands and autocomplete are not limited.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Count the limits in the shared PostgreSQL database (needs <c>Storage:Provider=postgres</c>), so several replicas
    /// enforce one limit per user and channel instead of one each. Off: each process counts alone.
    /// </summary>
    public bool Shared { get; set; }

    public RateLimitWindow PerUser { get; set; } = new() { Permits = 10, Window = TimeSpan.FromMinutes(1) };

    public RateLimitWindow PerChannel { get; set; } = new() { Permits = 60, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Previous/Next presses per person, apart from the command limits: paging through a list is cheap.</summary>
    public RateLimitWindow Paging { get; set; } = new() { Permits = 60, Window = TimeSpan.FromMinutes(1) };
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
