using Bot.Core.Asking;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Asking;

public sealed class StemmerTests
{
    [Theory]
    [InlineData("relations", "relaciones")]
    [InlineData("declared", "declaracion")]
    [InlineData("declared", "declararon")]
    [InlineData("sentenced", "sentence")]
    [InlineData("condenado", "condena")]
    [InlineData("president", "presidenta")]
    [InlineData("removed", "removing")]
    [InlineData("consules", "consul")]
    [InlineData("mexicanos", "mexicana")]
    [InlineData("ask", "asked")]
    [InlineData("asking", "asked")]
    [InlineData("cite", "cited")]
    [InlineData("citing", "cites")]
    [InlineData("vote", "voted")]
    public void Words_of_one_family_in_english_and_spanish_share_a_stem(string one, string other) =>
        Assert.Equal(Stemmer.Stem(one), Stemmer.Stem(other));

    [Theory]
    [InlineData("population", "popular")]
    [InlineData("relations", "relevant")]
    [InlineData("embassy", "embargo")]
    [InlineData("asked", "asylum")]
    public void Words_that_only_share_a_beginning_keep_different_stems(string one, string other) =>
        Assert.NotEqual(Stemmer.Stem(one), Stemmer.Stem(other));

    [Theory]
    [InlineData("2025")]
    [InlineData("oas")]
    [InlineData("png")]
    public void Numbers_and_short_words_are_kept_as_they_are(string word) => Assert.Equal(word, Stemmer.Stem(word));

    [Fact]
    public void Synonyms_are_grouped_by_stem_so_any_form_of_a_word_finds_the_others()
    {
        var vocabulary = AskVocabulary.For(TestFacts.Good.Vocabulary);
        Assert.Contains(Stemmer.Stem("asylum"), vocabulary.Expand(Stemmer.Stem("asilada")));
        Assert.Contains(Stemmer.Stem("removed"), vocabulary.Expand(Stemmer.Stem("destituyeron")));
        Assert.Contains(Stemmer.Stem("break"), vocabulary.Expand(Stemmer.Stem("rompieron")));
    }
}
