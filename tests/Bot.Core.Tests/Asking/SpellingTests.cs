using Bot.Core.Asking;

namespace Bot.Core.Tests.Asking;

public sealed class SpellingTests
{
    private static readonly Spelling Words = new(
        ["ambassador", "embassy", "asylum", "conduct", "happened", "sentence", "sentenced", "minister", "monroy"],
        word => word == "sentence" ? 9 : 1);

    [Theory]
    [InlineData("ambasador", "ambassador")] // a letter left out
    [InlineData("embasssy", "embassy")] // a letter too many
    [InlineData("asilum", "asylum")] // a letter changed
    [InlineData("embsasy", "embassy")] // two letters swapped
    [InlineData("happend", "happened")]
    [InlineData("ambasadore", "ambassador")] // a long word may be two edits away
    [InlineData("minsiter", "minister")]
    public void A_misspelled_word_is_read_as_the_known_word_one_or_two_edits_away(string typed, string meant)
    {
        Assert.Equal(meant, Words.Correct(typed));
    }

    [Theory]
    [InlineData("embassy")] // already known
    [InlineData("tarifs")] // nothing close
    [InlineData("mxnrxy")] // a short word is corrected one edit only: two away stays unknown
    [InlineData("ambo")] // too short to guess at
    [InlineData("20255")] // numbers are not words
    public void A_word_that_is_known_short_or_far_from_every_known_word_is_left_alone(string typed)
    {
        Assert.Null(Words.Correct(typed));
    }

    [Fact]
    public void Of_two_equally_close_words_the_one_more_facts_use_wins()
    {
        Assert.Equal("sentence", Words.Correct("sentencx"));
    }
}
