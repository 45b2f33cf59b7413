using Bot.Core.Answers;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Querying;

public sealed class TimelineTests
{
    private static IReadOnlyList<AnswerLine> Lines(Answer answer) => answer.Sections.Single().Lines;

    [Fact]
    public void The_timeline_lists_every_event_oldest_first_with_dates_and_sources()
    {
        var answer = TestFacts.Engine().Answer("/timeline");
        var second = TestFacts.Engine().Answer("/timeline page:2");

        Assert.Equal(AnswerKind.Found, answer.Kind);
        Assert.Equal(["7 December 2022", "3 November 2025", "24 November 2025", "February 2026"], Lines(answer).Concat(Lines(second)).Select(l => l.Label));
        Assert.All(Lines(answer).Concat(Lines(second)), l => Assert.NotEmpty(l.Citations));
    }

    [Fact]
    public void From_and_to_keep_only_events_in_that_range()
    {
        var answer = TestFacts.Engine().Answer("/timeline from:2025-11-01 to:2025-11-30");

        Assert.Equal(["3 November 2025", "24 November 2025"], Lines(answer).Select(l => l.Label));
        Assert.Contains("from 1 November 2025", answer.Subtitle, StringComparison.Ordinal);
    }

    [Fact]
    public void A_month_range_includes_events_known_only_to_the_month()
    {
        var answer = TestFacts.Engine().Answer("/timeline from:2026-02-10 to:2026-02-20");

        Assert.Equal(["February 2026"], Lines(answer).Select(l => l.Label));
    }

    [Fact]
    public void An_event_whose_disputed_date_falls_in_range_is_included()
    {
        var answer = TestFacts.Engine().Answer("/timeline from:2025-11-04 to:2025-11-04");

        Assert.Equal(["3 November 2025"], Lines(answer).Select(l => l.Label));
    }

    [Fact]
    public void A_disputed_date_is_shown_with_the_sources_that_give_it()
    {
        var line = Lines(TestFacts.Engine().Answer("/timeline from:2025-11-03 to:2025-11-03")).Single();

        Assert.Equal("Sources differ on the date: also reported as 4 November 2025 [2]", line.Detail);
        Assert.Equal([1, 2], line.Citations);
    }

    [Fact]
    public void Disagreeing_claims_are_shown_side_by_side_with_their_sources()
    {
        var line = Lines(TestFacts.Engine().Answer("/timeline from:2025-11-24 to:2025-11-24")).Single();

        Assert.Equal("Sources differ: The vote was 63 to 34 [2] / The vote was 63 to 33 [3]", line.Detail);
    }

    [Fact]
    public void Person_and_topic_filters_narrow_the_timeline()
    {
        var engine = TestFacts.Engine();

        Assert.Equal(["7 December 2022", "3 November 2025"], Lines(engine.Answer("/timeline person:chavez")).Select(l => l.Label));
        Assert.Equal(["3 November 2025"], Lines(engine.Answer("/timeline topic:asilo")).Select(l => l.Label));
        Assert.Equal(["3 November 2025"], Lines(engine.Answer("/timeline person:\"betssy chavez\" topic:asylum from:2025")).Select(l => l.Label));
    }

    [Fact]
    public void An_unknown_topic_lists_the_known_topics()
    {
        var answer = TestFacts.Engine().Answer("/timeline topic:weather");

        Assert.Equal(AnswerKind.NotFound, answer.Kind);
        Assert.Contains(answer.Suggestions, s => s.Command == "/timeline topic:asylum");
    }

    [Fact]
    public void No_matching_event_says_so_and_offers_the_whole_timeline()
    {
        var answer = TestFacts.Engine().Answer("/timeline from:2030-01-01");

        Assert.Equal(AnswerKind.NotFound, answer.Kind);
        Assert.Contains(answer.Suggestions, s => s.Command == "/timeline");
    }

    [Theory]
    [InlineData("/timeline from:yesterday", "from: “yesterday” is not a date")]
    [InlineData("/timeline from:2025-12-01 to:2025-11-01", "from: (2025-12-01) is after to: (2025-11-01).")]
    [InlineData("/timeline page:0", "page: “0” must be a whole number from 1 to 999.")]
    [InlineData("/timeline page:9", "There is no page 9: the list has 2 page(s).")]
    public void Bad_filters_are_private_usage_errors_that_say_what_is_wrong(string command, string message)
    {
        var answer = TestFacts.Engine().Answer(command);

        Assert.Equal(AnswerKind.UsageError, answer.Kind);
        Assert.True(answer.IsPrivate);
        Assert.StartsWith(message, answer.Body, StringComparison.Ordinal);
    }
}

public sealed class FirstSentenceTests
{
    [Theory]
    [InlineData("Peru broke relations. Consular ties were kept.", "Peru broke relations.")]
    [InlineData("The U.S. Embassy said nothing. Later it did.", "The U.S. Embassy said nothing.")]
    [InlineData("Written by J. Pérez in Lima. More follows.", "Written by J. Pérez in Lima.")]
    [InlineData("One sentence only", "One sentence only")]
    public void A_timeline_line_shows_the_first_sentence_of_the_summary(string summary, string expected) =>
        Assert.Equal(expected, Bot.Core.Text.TextSnippets.FirstSentence(summary));
}
