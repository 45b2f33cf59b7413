using Bot.Core.Editing;
using Bot.Core.Loading;

namespace Bot.Core.Tests.Editing;

/// <summary>What a form turns into, checked by the real loader on a copy of the bundled fact base.</summary>
public sealed class FactChangeBuilderTests
{
    private static readonly FactAuthor Author = new("Ana", "discord", "1");
    private static readonly DateOnly Today = new(2026, 12, 6);

    private static string Folder => Support.TestFacts.GoodFolder;

    [Fact]
    public void An_https_source_read_from_its_page_is_appended_to_sources_and_cited_by_the_new_event()
    {
        var facts = Support.TestFacts.Good;
        var url = "https://example.org/news/2026/03/01/a-story";
        var values = new Dictionary<string, string> { ["date"] = "2026-03-01", ["title"] = "A test event", ["summary"] = "A test summary.", ["sources"] = url };
        var pages = new Dictionary<string, SourceMetadata> { [url] = new("Diario de Prueba", "Un titular de prueba", "2026-03-01", "es") };

        var plan = FactChangeBuilder.Build(FactEditActions.AddEvent, null, values, facts, Author, Today, pages);
        var staged = FactStagedChange.Stage(Folder, plan.Change!, new FactBaseLoader(TimeProvider.System));

        Assert.Empty(staged.Problems);
        Assert.True(staged.Facts!.TryGetSource("diario-de-2026-03-01-un-titular-de-prueba", out var source));
        Assert.Equal(("Diario de Prueba", "es"), (source.Outlet, source.Language));
        Assert.True(staged.Facts.TryGetEvent("2026-03-01-a-test-event", out var added));
        Assert.Equal(["diario-de-2026-03-01-un-titular-de-prueba"], added.Sources);
        Assert.StartsWith(File.ReadAllText(Path.Combine(Folder, "sources.yaml")), staged.NewTexts["sources.yaml"], StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_page_an_unknown_url_is_refused_before_anything_is_built()
    {
        var values = new Dictionary<string, string> { ["date"] = "2026-03-01", ["title"] = "A test event", ["summary"] = "A test summary.", ["sources"] = "https://example.org/unknown" };

        var plan = FactChangeBuilder.Build(FactEditActions.AddEvent, null, values, Support.TestFacts.Good, Author, Today);

        Assert.Null(plan.Change);
        Assert.Equal(["sources: https://example.org/unknown is not in sources.yaml and its page could not be read; add it first with /facts add-source"], plan.Problems);
    }

    [Theory]
    [InlineData("plain text", "\"plain text\"")]
    [InlineData("a \"quote\" and \\ backslash", "\"a \\\"quote\\\" and \\\\ backslash\"")]
    [InlineData("line\nbreak: # not a comment", "\"line\\nbreak: # not a comment\"")]
    [InlineData("\u2028", "\"\\u2028\"")]
    public void Typed_text_is_written_as_a_double_quoted_scalar_that_cannot_change_the_files_structure(string typed, string yaml) =>
        Assert.Equal(yaml, FactYaml.Quote(typed));

    [Fact]
    public void Replacing_a_value_touches_only_its_own_lines()
    {
        var text = "id: x\nsummary: >-\n  old text\n  continued\nstatus:\n  as_of: 2026-01-01\n  text: \"old\"\n  sources: [a]\nsources: [a]\n";

        var result = FactYaml.ReplaceValue(FactYaml.ReplaceValue(text, "x", ["summary"], "\"new\""), "x", ["status", "text"], "\"newer\"");

        Assert.Equal("id: x\nsummary: \"new\"\nstatus:\n  as_of: 2026-01-01\n  text: \"newer\"\n  sources: [a]\nsources: [a]\n", result);
    }
}
