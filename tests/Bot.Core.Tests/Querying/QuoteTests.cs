using Bot.Core.Answers;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Querying;

public sealed class QuoteTests
{
    private static IReadOnlyList<AnswerLine> Lines(Answer answer) => answer.Sections.Single().Lines;

    [Fact]
    public void Without_a_keyword_the_newest_quotes_come_first_with_context_and_source()
    {
        var answer = TestFacts.Engine().Answer("/quote sheinbaum");

        Assert.Equal(AnswerKind.Found, answer.Kind);
        Assert.Equal("Quotes by Claudia Sheinbaum", answer.Title);
        Assert.Equal(["24 November 2025", "5 November 2025", "4 November 2025"], Lines(answer).Select(l => l.Label));
        Assert.Equal("“Es una decisión fuera de toda proporción.”", Lines(answer)[2].Text);
        Assert.Equal("At her morning press conference, on the break.", Lines(answer)[2].Detail);
        Assert.All(Lines(answer), l => Assert.NotEmpty(l.Citations));
    }

    [Fact]
    public void The_best_match_for_the_keyword_comes_first()
    {
        var answer = TestFacts.Engine().Answer("/quote sheinbaum sovereignty");

        Assert.Equal("24 November 2025", Lines(answer)[0].Label);
        Assert.Contains("best matches for “sovereignty” first", answer.Subtitle, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keyword_also_matches_the_quotes_topic_in_spanish()
    {
        var answer = TestFacts.Engine().Answer("/quote sheinbaum asilo");

        Assert.Equal("“Asylum is a right.”", Lines(answer)[0].Text);
    }

    [Fact]
    public void A_full_name_followed_by_a_keyword_is_split_into_speaker_and_keyword()
    {
        var answer = TestFacts.Engine().Answer("/quote claudia sheinbaum embassy");

        Assert.Equal("Quotes by Claudia Sheinbaum", answer.Title);
        Assert.Equal("24 November 2025", Lines(answer)[0].Label);
    }

    [Fact]
    public void A_translated_quote_says_it_is_a_translation()
    {
        var answer = TestFacts.Engine().Answer("/quote sheinbaum international");

        Assert.EndsWith("(quoted in translation)", Lines(answer)[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keyword_nothing_mentions_shows_every_quote_and_says_so()
    {
        var answer = TestFacts.Engine().Answer("/quote sheinbaum tariffs");

        Assert.Equal(3, Lines(answer).Count);
        Assert.Contains("no quote mentions “tariffs”", answer.Subtitle, StringComparison.Ordinal);
    }

    [Fact]
    public void A_speaker_with_no_quotes_is_told_who_has_some()
    {
        var answer = TestFacts.Engine().Answer("/quote jeri");

        Assert.Equal(AnswerKind.NotFound, answer.Kind);
        Assert.Contains(answer.Suggestions, s => s.Command == "/quote claudia-sheinbaum");
    }

    [Fact]
    public void An_unknown_speaker_gets_suggestions()
    {
        var answer = TestFacts.Engine().Answer("/quote zzzz");

        Assert.Equal(AnswerKind.NotFound, answer.Kind);
        Assert.All(answer.Suggestions, s => Assert.StartsWith("/quote ", s.Command, StringComparison.Ordinal));
    }
}
