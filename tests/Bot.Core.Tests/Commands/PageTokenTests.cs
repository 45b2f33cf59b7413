using Bot.Core.Answers;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Commands;

public sealed class PageTokenTests
{
    [Fact]
    public void A_token_survives_encoding_and_decoding()
    {
        var token = new PageToken("timeline", new Dictionary<string, string> { ["from"] = "2025-11-01", ["person"] = "jose-jeri" }, 3);

        Assert.True(PageToken.TryDecode(token.Encode(), out var decoded));
        Assert.Equal("timeline", decoded.Command);
        Assert.Equal(3, decoded.Page);
        Assert.Equal(token.Options.OrderBy(o => o.Key), decoded.Options.OrderBy(o => o.Key));
    }

    [Fact]
    public void The_longest_possible_timeline_token_fits_in_a_discord_custom_id()
    {
        var longest = new string('a', 28);
        var token = new PageToken("timeline", new Dictionary<string, string>
        {
            ["from"] = "2025-11-01",
            ["to"] = "2025-11-30",
            ["person"] = longest,
            ["topic"] = longest,
        }, 999);

        Assert.True(token.Encode().Length <= PageToken.MaxLength);
        Assert.True(PageToken.TryDecode(token.Encode(), out _));
    }

    [Fact]
    public void A_keyword_in_a_token_is_folded_to_short_ascii()
    {
        var token = new PageToken("quote", new Dictionary<string, string> { ["speaker"] = "claudia-sheinbaum", ["keyword"] = "soberanía | <@everyone> " + new string('x', 80) }, 2);

        var encoded = token.Encode();

        Assert.True(encoded.Length <= PageToken.MaxLength);
        Assert.All(encoded, c => Assert.InRange(c, ' ', '~'));
        Assert.DoesNotContain("<", encoded, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x|1")]
    [InlineData("t|0")]
    [InlineData("t|abc")]
    [InlineData("t|1|zvalue")]
    public void A_forged_or_broken_token_is_rejected(string encoded) => Assert.False(PageToken.TryDecode(encoded, out _));

    [Fact]
    public void The_next_page_token_of_an_answer_shows_the_next_page_with_the_same_filters()
    {
        var engine = TestFacts.Engine();
        var first = engine.Answer("/quote sheinbaum");
        Assert.Null(first.Paging!.Next); // 3 quotes fit on one page

        var timeline = engine.Answer("/timeline person:chavez");
        Assert.Equal(1, timeline.Paging!.PageCount);
        Assert.Null(timeline.Paging.Previous);
    }
}
