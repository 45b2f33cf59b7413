namespace Bot.Core.Loading;

public enum FactIssueSeverity
{
    Error,
    Warning,
}
