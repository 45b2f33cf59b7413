using Bot.Core.Asking;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Asking;

public sealed class VocabularyTests
{
    [Theory]
    [InlineData("who took over after castillo", "who took after castillo")]
    [InlineData("whos perus foreign secretary", "whos perus foreign minister")]
    [InlineData("when did she get out of jail", "when did she get released")]
    [InlineData("who looks after the embassy", "who custody the embassy")]
    [InlineData("what did the foreign ministry say", "what did the foreign ministry say")]
    public void Phrases_people_use_are_read_as_the_words_the_facts_use(string question, string read)
    {
        Assert.Equal(read, string.Join(' ', AskVocabulary.For(TestFacts.Good.Vocabulary).Rewrite(question.Split(' '))));
    }

    [Theory]
    [InlineData("¿Qué pasó con Betssy Chávez?", "en", "es")]
    [InlineData("que dijo sheinbaum del asilo", "en", "es")]
    [InlineData("what did sheinbaum say about the asylum", "es", "en")]
    [InlineData("Betssy Chávez", "es", "es")]
    [InlineData("Betssy Chávez", "en", "en")]
    public void A_question_is_read_in_the_language_it_is_written_in_or_else_the_askers(string question, string locale, string language)
    {
        Assert.Equal(language, QuestionLanguage.Of(question, locale));
    }
}
