namespace Bot.Core.Commands;

/// <summary>How a request reached the bot; paging has its own, more generous rate limit.</summary>
public enum RequestTrigger
{
    /// <summary>A slash command (or a typed text command).</summary>
    Command,

    /// <summary>A button that runs a suggested command; limited like a command.</summary>
    Button,

    /// <summary>A Previous/Next button on a list answer.</summary>
    Page,
}
