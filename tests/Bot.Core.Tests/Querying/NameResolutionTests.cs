using Bot.Core.Facts;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Querying;

public sealed class NameResolutionTests
{
    [Theory]
    [InlineData("betssy-chavez", NameMatchKind.Exact)]
    [InlineData("Betssy Chávez", NameMatchKind.Exact)]
    [InlineData("Betsy Chávez", NameMatchKind.Exact)]
    [InlineData("betssy chavez", NameMatchKind.Exact)]
    [InlineData("BETSSY CHAVEZ", NameMatchKind.Exact)]
    [InlineData("Betssy Betzabet Chávez Chino", NameMatchKind.Exact)]
    [InlineData("chavez", NameMatchKind.Exact)]
    [InlineData("Chávez", NameMatchKind.Exact)]
    [InlineData("  betssy   chávez  ", NameMatchKind.Exact)]
    [InlineData("betssy", NameMatchKind.Partial)]
    public void Betssy_Chavez_is_found_by_slug_name_alias_and_surname_in_any_case_and_accent(string typed, NameMatchKind kind)
    {
        var match = TestFacts.Good.PeopleIndex.Resolve(typed);

        Assert.Equal(kind, match.Kind);
        Assert.Equal("betssy-chavez", match.Item?.Id);
    }

    [Theory]
    [InlineData("JOSÉ JERÍ", "jose-jeri")]
    [InlineData("jeri", "jose-jeri")]
    [InlineData("Balcazar", "jose-maria-balcazar")]
    [InlineData("sheinbaum", "claudia-sheinbaum")]
    [InlineData("Sheinbaum Pardo", "claudia-sheinbaum")]
    public void Other_people_resolve_by_surname_and_alias(string typed, string id) =>
        Assert.Equal(id, TestFacts.Good.PeopleIndex.Resolve(typed).Item?.Id);

    [Theory]
    [InlineData("Betsi Chaves", "betssy-chavez")]
    [InlineData("sheinbam", "claudia-sheinbaum")]
    [InlineData("Shienbaum", "claudia-sheinbaum")]
    [InlineData("castilo", "pedro-castillo")]
    public void A_small_typo_still_finds_the_person_and_says_it_corrected(string typed, string id)
    {
        var match = TestFacts.Good.PeopleIndex.Resolve(typed);

        Assert.Equal(NameMatchKind.Corrected, match.Kind);
        Assert.Equal(id, match.Item?.Id);
    }

    [Fact]
    public void A_name_two_people_share_lists_both_candidates()
    {
        var match = TestFacts.Good.PeopleIndex.Resolve("José");

        Assert.Equal(NameMatchKind.Ambiguous, match.Kind);
        Assert.Null(match.Item);
        Assert.Equal(["jose-jeri", "jose-maria-balcazar"], match.Items.Select(p => p.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unknown_name_is_not_found_but_comes_with_suggestions()
    {
        var match = TestFacts.Good.PeopleIndex.Resolve("Vladimir Cerrón");

        Assert.Equal(NameMatchKind.NotFound, match.Kind);
        Assert.NotEmpty(match.Items);
        Assert.True(match.Items.Count <= 5);
    }

    [Fact]
    public void Autocomplete_offers_people_whose_name_or_surname_starts_with_what_was_typed()
    {
        var names = TestFacts.Good.PeopleIndex.Complete("jos", 25).Select(p => p.Id).ToList();

        Assert.Contains("jose-jeri", names);
        Assert.Contains("jose-maria-balcazar", names);
        Assert.DoesNotContain("claudia-sheinbaum", names);
        Assert.Equal("claudia-sheinbaum", TestFacts.Good.PeopleIndex.Complete("shein", 25)[0].Id);
    }

    [Fact]
    public void Topics_resolve_by_id_name_and_spanish_alias()
    {
        Assert.Equal("asylum", TestFacts.Good.TopicIndex.Resolve("asilo").Item?.Id);
        Assert.Equal("diplomatic-relations", TestFacts.Good.TopicIndex.Resolve("Diplomatic relations").Item?.Id);
        Assert.Equal("embassy", TestFacts.Good.TopicIndex.Resolve("EMBAJADA").Item?.Id);
    }
}
