namespace Bot.Storage.Tests.Support;

/// <summary>A fact that needs PostgreSQL: skipped, with the reason shown, when no server answers.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
