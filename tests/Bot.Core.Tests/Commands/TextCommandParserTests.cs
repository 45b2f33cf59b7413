using Bot.Core.Commands;

namespace Bot.Core.Tests.Commands;

public sealed class TextCommandParserTests
{
    [Fact]
    public void Free_words_fill_the_positional_option()
    {
        var request = TextCommandParser.Parse("/who betssy chavez").Request!;

        Assert.Equal("who", request.Command);
        Assert.Equal("betssy chavez", request.Option("name"));
    }

    [Fact]
    public void Named_options_are_read_in_any_order_with_or_without_the_slash()
    {
        var request = TextCommandParser.Parse("timeline page:2 topic:asylum person:jeri from:2025-11-01 to:2025-11-30").Request!;

        Assert.Equal("2025-11-01", request.Option("from"));
        Assert.Equal("2025-11-30", request.Option("to"));
        Assert.Equal("jeri", request.Option("person"));
        Assert.Equal("asylum", request.Option("topic"));
        Assert.Equal("2", request.Option("page"));
    }

    [Fact]
    public void Quoted_values_and_a_space_after_the_colon_are_accepted()
    {
        var request = TextCommandParser.Parse("/timeline person:\"jose maria balcazar\" from: 2026").Request!;

        Assert.Equal("jose maria balcazar", request.Option("person"));
        Assert.Equal("2026", request.Option("from"));
    }

    [Fact]
    public void An_option_given_twice_is_an_error()
    {
        var result = TextCommandParser.Parse("/timeline page:1 page:2");

        Assert.False(result.IsSuccess);
        Assert.Equal("The option page: is given twice.", result.Error);
    }

    [Fact]
    public void An_unknown_command_is_an_error()
    {
        Assert.Equal("There is no command /weather.", TextCommandParser.Parse("/weather").Error);
    }

    [Fact]
    public void Input_over_the_length_limit_is_refused()
    {
        Assert.False(TextCommandParser.Parse("/who " + new string('a', 600)).IsSuccess);
    }

    [Theory]
    [InlineData("/who betssy chavez")]
    [InlineData("/timeline from:2025-11-01 person:jose-jeri page:2")]
    [InlineData("/quote claudia-sheinbaum keyword:\"international law\"")]
    public void Format_writes_a_request_that_parses_back_to_the_same_request(string text)
    {
        var request = TextCommandParser.Parse(text).Request!;

        var again = TextCommandParser.Parse(TextCommandParser.Format(request)).Request!;

        Assert.Equal(request.Command, again.Command);
        Assert.Equal(request.Options.OrderBy(o => o.Key), again.Options.OrderBy(o => o.Key));
    }
}
