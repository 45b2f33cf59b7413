using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Querying;

public sealed class SourcesAndHelpTests
{
    [Fact]
    public void Sources_are_grouped_by_outlet_with_their_links()
    {
        var answer = TestFacts.Engine().Answer("/sources");

        Assert.Equal(AnswerKind.Found, answer.Kind);
        Assert.Equal(["Daily", "El País", "Profiles", "Wire"], answer.Sections.Select(s => s.Heading));
        Assert.All(answer.Sections.SelectMany(s => s.Lines), l => Assert.Equal("https", l.Link?.Scheme));
    }

    [Fact]
    public void Help_lists_every_command_of_the_catalog_with_an_example()
    {
        var answer = TestFacts.Engine().Answer("/help");

        Assert.Equal(AnswerKind.Help, answer.Kind);
        var lines = answer.Sections.Single().Lines;
        Assert.Equal(CommandCatalog.All.Select(c => c.Usage), lines.Select(l => l.Label));
        Assert.All(lines, l => Assert.StartsWith("Example: /", l.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public void Help_for_one_command_lists_its_options_and_examples()
    {
        var answer = TestFacts.Engine().Answer("/help timeline");

        Assert.Equal("/timeline [from:DATE] [to:DATE] [person:NAME] [topic:TOPIC] [page:N]", answer.Title);
        Assert.Equal(["[from:DATE]", "[to:DATE]", "[person:NAME]", "[topic:TOPIC]", "[page:N]"], answer.Sections[0].Lines.Select(l => l.Label));
        Assert.Contains(answer.Sections[1].Lines, l => l.Text == "/timeline from:2025-11-01 to:2025-11-30");
    }

    [Fact]
    public void An_unknown_command_is_a_private_usage_error_pointing_at_help()
    {
        var answer = TestFacts.Engine().Answer("/weather lima");

        Assert.Equal(AnswerKind.UsageError, answer.Kind);
        Assert.Equal("There is no command /weather.", answer.Body);
        Assert.Contains(answer.Suggestions, s => s.Command == "/help");
    }
}
