using Bot.Core.Feedback;

namespace Bot.Storage.Tests;

public sealed class QuestionNormalizerTests
{
    [Theory]
    [InlineData("¿Quién es Jerí?")]
    [InlineData("quien es jeri")]
    [InlineData("  QUIÉN   es\tJERÍ!! ")]
    [InlineData("Quién-es Jerí…")]
    public void Case_accents_punctuation_and_spacing_fold_away(string question) =>
        Assert.Equal("quien es jeri", QuestionNormalizer.Normalize(question));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ¿?!  ")]
    public void Nothing_countable_normalizes_to_empty(string? question) =>
        Assert.Equal("", QuestionNormalizer.Normalize(question));

    [Fact]
    public void Long_questions_are_cut_at_a_word_boundary_within_the_cap()
    {
        var question = string.Join(' ', Enumerable.Repeat("palabra", 60));

        var normalized = QuestionNormalizer.Normalize(question);

        Assert.True(normalized.Length <= QuestionNormalizer.MaxLength);
        Assert.EndsWith(" palabra", normalized, StringComparison.Ordinal);
        Assert.StartsWith(normalized, question, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_unbroken_question_is_cut_at_the_cap()
    {
        Assert.Equal(new string('a', QuestionNormalizer.MaxLength), QuestionNormalizer.Normalize(new string('A', 500)));
    }
}
