using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Bot.Core.Facts;

/// <summary>
/// A calendar date that may be known only to the month or the year (<c>2025-11-03</c>, <c>2025-11</c>, <c>2025</c>).
/// Ordering compares the first day the date could be; <see cref="Start"/> and <see cref="End"/> give the range it covers.
/// </summary>
public readonly record struct PartialDate : IComparable<PartialDate>
{
    private static readonly string[] MonthNamesEn =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] MonthNamesEs =
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

    private PartialDate(int year, int month, int day, DatePrecision precision)
    {
        Year = year;
        Month = month;
        Day = day;
        Precision = precision;
        Start = new DateOnly(year, month == 0 ? 1 : month, day == 0 ? 1 : day);
        End = precision switch
        {
            DatePrecision.Day => Start,
            DatePrecision.Month => new DateOnly(year, month, DateTime.DaysInMonth(year, month)),
            _ => new DateOnly(year, 12, 31),
        };
    }

    public int Year { get; }

    /// <summary>1–12, or 0 when the precision is <see cref="DatePrecision.Year"/>.</summary>
    public int Month { get; }

    /// <summary>1–31, or 0 when the precision is coarser than a day.</summary>
    public int Day { get; }

    public DatePrecision Precision { get; }

    /// <summary>The first day the date covers.</summary>
    public DateOnly Start { get; }

    /// <summary>The last day the date covers.</summary>
    public DateOnly End { get; }

    public static PartialDate FromDate(DateOnly date) => new(date.Year, date.Month, date.Day, DatePrecision.Day);

    public static PartialDate FromMonth(int year, int month) => new(year, month, 0, DatePrecision.Month);

    public static PartialDate FromYear(int year) => new(year, 0, 0, DatePrecision.Year);

    /// <summary>Parses <c>YYYY-MM-DD</c>, <c>YYYY-MM</c> or <c>YYYY</c>; rejects impossible dates such as 2025-02-30.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out PartialDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var parts = text.Split('-');
        if (parts.Length > 3 || parts[0].Length != 4 || parts.Skip(1).Any(p => p.Length != 2))
        {
            return false;
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1900 || year > 2200)
        {
            return false;
        }

        if (parts.Length == 1)
        {
            date = FromYear(year);
            return true;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12)
        {
            return false;
        }

        if (parts.Length == 2)
        {
            date = FromMonth(year, month);
            return true;
        }

        if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = FromDate(new DateOnly(year, month, day));
        return true;
    }

    public static PartialDate Parse(string text) =>
        TryParse(text, out var date) ? date : throw new FormatException($"'{text}' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY).");

    /// <summary>True when any day of this date falls within [from, to] (either bound may be open).</summary>
    public bool Overlaps(DateOnly? from, DateOnly? to) => (from is null || End >= from) && (to is null || Start <= to);

    public int CompareTo(PartialDate other)
    {
        var byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : ((int)other.Precision).CompareTo((int)Precision);
    }

    public static bool operator <(PartialDate left, PartialDate right) => left.CompareTo(right) < 0;

    public static bool operator >(PartialDate left, PartialDate right) => left.CompareTo(right) > 0;

    public static bool operator <=(PartialDate left, PartialDate right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PartialDate left, PartialDate right) => left.CompareTo(right) >= 0;

    /// <summary>The ISO form the fact files use: <c>2025-11-03</c>, <c>2025-11</c> or <c>2025</c>.</summary>
    public override string ToString() => Precision switch
    {
        DatePrecision.Day => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DatePrecision.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    /// <summary>A human form in the given language: "3 November 2025", "November 2025", "2025"; Spanish "3 de noviembre de 2025".</summary>
    public string ToDisplayString(string language = "en")
    {
        var spanish = language.StartsWith("es", StringComparison.OrdinalIgnoreCase);
        var monthName = Month == 0 ? "" : (spanish ? MonthNamesEs : MonthNamesEn)[Month - 1];
        return (Precision, spanish) switch
        {
            (DatePrecision.Day, false) => string.Create(CultureInfo.InvariantCulture, $"{Day} {monthName} {Year}"),
            (DatePrecision.Day, true) => string.Create(CultureInfo.InvariantCulture, $"{Day} de {monthName} de {Year}"),
            (DatePrecision.Month, false) => string.Create(CultureInfo.InvariantCulture, $"{monthName} {Year}"),
            (DatePrecision.Month, true) => string.Create(CultureInfo.InvariantCulture, $"{monthName} de {Year}"),
            _ => Year.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The short form for compact citations: "3 Nov 2025", "3 nov 2025", "Nov 2025", "2025".</summary>
    public string ToShortDisplayString(string language = "en")
    {
        var spanish = language.StartsWith("es", StringComparison.OrdinalIgnoreCase);
        var month = Month == 0 ? "" : (spanish ? MonthNamesEs : MonthNamesEn)[Month - 1][..3];
        return Precision switch
        {
            DatePrecision.Day => string.Create(CultureInfo.InvariantCulture, $"{Day} {month} {Year}"),
            DatePrecision.Month => string.Create(CultureInfo.InvariantCulture, $"{month} {Year}"),
            _ => Year.ToString(CultureInfo.InvariantCulture),
        };
    }
}
