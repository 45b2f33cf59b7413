using Bot.Core.Facts;
using Bot.Core.Text;

namespace Bot.Core.Tests.Facts;

public sealed class PartialDateTests
{
    [Theory]
    [InlineData("2025-11-03", DatePrecision.Day, "2025-11-03", "2025-11-03")]
    [InlineData("2025-11", DatePrecision.Month, "2025-11-01", "2025-11-30")]
    [InlineData("2024-02", DatePrecision.Month, "2024-02-01", "2024-02-29")]
    [InlineData("2025", DatePrecision.Year, "2025-01-01", "2025-12-31")]
    public void Dates_know_their_precision_and_the_days_they_cover(string text, DatePrecision precision, string start, string end)
    {
        var date = PartialDate.Parse(text);

        Assert.Equal(precision, date.Precision);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), date.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), date.End);
        Assert.Equal(text, date.ToString());
    }

    [Theory]
    [InlineData("2025-02-29")]
    [InlineData("2025-04-31")]
    [InlineData("2025-00")]
    [InlineData("25-11-03")]
    [InlineData("2025/11/03")]
    [InlineData("")]
    public void Impossible_and_malformed_dates_are_rejected(string text) => Assert.False(PartialDate.TryParse(text, out _));

    [Fact]
    public void Dates_display_in_english_and_spanish()
    {
        Assert.Equal("3 November 2025", PartialDate.Parse("2025-11-03").ToDisplayString("en"));
        Assert.Equal("3 de noviembre de 2025", PartialDate.Parse("2025-11-03").ToDisplayString("es"));
        Assert.Equal("noviembre de 2025", PartialDate.Parse("2025-11").ToDisplayString("es"));
    }

    [Theory]
    [InlineData("José Jerí", "jose jeri")]
    [InlineData("BETSSY CHÁVEZ", "betssy chavez")]
    [InlineData("Balcázar-Zelada", "balcazar zelada")]
    [InlineData("Muñoz\u200F", "munoz")]
    [InlineData("Jose\u0301 Jeri\u0301", "jose jeri")]
    [InlineData("Straße", "strasse")]
    public void Folding_removes_case_accents_marks_and_punctuation(string text, string folded) =>
        Assert.Equal(folded, TextFolding.Fold(text));
}
