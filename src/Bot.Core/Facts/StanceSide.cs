namespace Bot.Core.Facts;

public enum StanceSide
{
    Mexico,
    Peru,
    ThirdParty,
}
