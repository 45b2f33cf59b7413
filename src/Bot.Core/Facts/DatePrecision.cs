namespace Bot.Core.Facts;

/// <summary>How much of a <see cref="PartialDate"/> the sources actually give.</summary>
public enum DatePrecision
{
    Day,
    Month,
    Year,
}
