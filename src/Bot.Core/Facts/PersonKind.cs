namespace Bot.Core.Facts;

public enum PersonKind
{
    Person,
    Organization,
}
