using Bot.Core.Operations;
using Bot.Core.Text;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Core.Tests.Text;

public sealed class LogTextTests
{
    [Theory]
    [InlineData("people/evil\u001b[2J.yaml", "people/evil\\u001b[2J.yaml")]
    [InlineData("line one\nforged: line two\r", "line one\\u000aforged: line two\\u000d")]
    [InlineData("bell\u0007 del\u007f c1\u009b", "bell\\u0007 del\\u007f c1\\u009b")]
    [InlineData("\u202Eelif", "\\u202eelif")]
    [InlineData("people/josé-jerí.yaml", "people/josé-jerí.yaml")]
    public void Control_characters_in_text_for_a_log_line_are_escaped(string text, string logged) =>
        Assert.Equal(logged, LogText.Escape(text));

    [Fact]
    public void A_throttle_lets_ten_lines_a_minute_through_and_reports_what_it_held_back_once()
    {
        var time = new FakeTimeProvider();
        var throttle = new LogThrottle(time);

        var allowed = Enumerable.Range(0, 25).Count(_ => throttle.Allow(out _));
        time.Advance(TimeSpan.FromMinutes(1));
        var next = throttle.Allow(out var skipped);
        throttle.Allow(out var skippedAfter);

        Assert.Equal(10, allowed);
        Assert.True(next);
        Assert.Equal(15, skipped);
        Assert.Equal(0, skippedAfter);
    }
}
