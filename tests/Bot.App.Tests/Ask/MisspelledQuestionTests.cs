using Bot.App.Tests.Support;
using Bot.Core.Answers;
using Bot.Core.Commands;

namespace Bot.App.Tests.Ask;

/// <summary>Members type fast: a question with a misspelled word gets the answer the spelled question gets.</summary>
public sealed class MisspelledQuestionTests
{
    private static Answer Ask(string question) =>
        RealFacts.Engine().Answer(new BotRequest(CommandCatalog.Ask, new Dictionary<string, string> { ["question"] = question }, "en"));

    private static string? FirstFact(Answer answer) => answer.Sections.SelectMany(s => s.Lines).Select(l => l.FactId).FirstOrDefault(id => id is not null);

    [Theory]
    [InlineData("when was the mexican ambassador expelled from peru", "when was the mexican ambasador expeled from peru")]
    [InlineData("when did peru break diplomatic relations with mexico", "when did peru break diplomatic relatoins with mexico")]
    [InlineData("who gave the safe conduct to castillo's family", "who gave the safe condcut to castillo's famly")]
    [InlineData("cuando rompio peru relaciones con mexico", "cuando rompio peru relasiones con mexico")]
    public void A_misspelled_question_gets_the_first_fact_the_spelled_one_gets(string spelled, string misspelled)
    {
        var right = Ask(spelled);
        var typed = Ask(misspelled);

        Assert.Equal(AnswerKind.Found, right.Kind);
        Assert.Equal(AnswerKind.Found, typed.Kind);
        Assert.Equal(FirstFact(right), FirstFact(typed));
    }

    [Fact]
    public void A_question_about_something_the_facts_never_mention_is_still_answered_not_sure()
    {
        Assert.Equal(AnswerKind.NotFound, Ask("what did peru say about the tarifs on avocados").Kind);
    }
}
