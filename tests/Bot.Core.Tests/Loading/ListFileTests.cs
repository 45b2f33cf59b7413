using System.Text;
using Bot.Core.Loading;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Loading;

/// <summary>
/// <c>sources.yaml</c> and <c>topics.yaml</c> are parsed item by item, so that a reload parses only the items that
/// changed. Whatever the text, the result must be the one a whole-file parse gives: the same facts, and the same
/// problems at the same line and column.
/// </summary>
public sealed class ListFileTests
{
    private static readonly string[] Tricky =
    [
        "  -", "  - ~", "-", "---", "...", "\t- id: tabbed", "  -x", "# a comment", "    # an indented comment", "", "   ",
        "    title: \"an open quote", "    title: |", "      block text", "  - &first id: anchored", "    outlet: *first",
        "sources: []", "sources:", "topics:", "other: 1", "  - id: [unclosed", "    extra: key", " - id: one-space",
        "- id: no-indent", "sources:  # the list", "  - id: dup\n    outlet: O\n    title: T\n    url: https://example.org/d\n    published: 2025\n    language: en",
        "  - id: t\n    name: T\n    description: D", "    aliases: [one,\n  two]", "  - \"just a string\"", "  - [a, b]",
        "\ufeffsources:", "    title: a\u2028b", "    outlet: a\rb", "    outlet: a\u0085b", "\r",
    ];

    private static string Read(params string[] path) => File.ReadAllText(Path.Combine(path)).ReplaceLineEndings("\n");

    public static TheoryData<string, string> Files => new()
    {
        { "sources.yaml", Read(TestFacts.GoodFolder, "sources.yaml") },
        { "topics.yaml", Read(TestFacts.GoodFolder, "topics.yaml") },
        { "sources.yaml", Read(TestFacts.RepositoryFolder(), "facts", "sources.yaml") },
        { "topics.yaml", Read(TestFacts.RepositoryFolder(), "facts", "topics.yaml") },
    };

    private static FileFacts ByItem(string name, string text, ListItems? previous, out ListItems? items) =>
        FactBaseLoader.Parse(name, "facts/" + name, Encoding.UTF8.GetBytes(text), previous, out items);

    private static FileFacts Whole(string name, string text) =>
        FactBaseLoader.ParseWhole(name, "facts/" + name, FactBaseLoader.Decode(Encoding.UTF8.GetBytes(text))); // as read from disk

    /// <summary>What a moderator would see of a parse: every problem as printed, every fact, and where each item's values are.</summary>
    private static List<string> Outcome(FileFacts facts)
    {
        var lines = facts.Issues.Select(i => i.ToString()).ToList();
        lines.AddRange(facts.Sources.Select(s => $"source {s.Fact} at {s.Path} {facts.File.Positions.Of(s.Path)}"));
        lines.AddRange(facts.Topics.Select(t => $"topic {t.Fact.Id}, {t.Fact.Name}, [{string.Join('|', t.Fact.Aliases)}], {t.Fact.Description} at {t.Path} {facts.File.Positions.Of(t.Path)}"));
        var key = facts.File.RelativePath == "sources.yaml" ? "sources" : "topics";
        for (var i = 0; i <= facts.Sources.Count + facts.Topics.Count + 1; i++)
        {
            foreach (var value in new[] { "", ".id", ".id#key", ".title", ".url", ".aliases[1]", ".nothing" })
            {
                lines.Add($"{key}[{i}]{value} at {facts.File.Positions.Of($"{key}[{i}]{value}")}");
            }
        }

        return lines;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_list_file_parsed_item_by_item_gives_what_the_whole_file_gives(string name, string text)
    {
        var byItem = ByItem(name, text, previous: null, out var items);

        Assert.NotNull(items); // the shipped files have the plain layout, so they are parsed item by item
        Assert.Empty(byItem.Issues);
        Assert.Equal(Outcome(Whole(name, text)), Outcome(byItem));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Any_edit_of_a_list_file_gives_what_the_whole_file_gives_after_it(string name, string original)
    {
        var random = new Random(20221207 + original.Length);
        ListItems? items = null;
        var text = original;
        for (var round = 0; round < 250; round++)
        {
            var (edited, edit) = round % 40 == 0 ? (original, "back to the original") : TextEdits.Apply(text, random, Tricky);
            text = edited;

            var expected = Outcome(Whole(name, text));
            var actual = Outcome(ByItem(name, text, items, out items));

            Assert.True(expected.SequenceEqual(actual), $"round {round}, after {edit}:\n{string.Join('\n', expected.Except(actual).Take(3))}\n  but got\n{string.Join('\n', actual.Except(expected).Take(3))}");
        }
    }

    [Fact]
    public void Editing_one_source_parses_that_source_alone_again_and_later_sources_keep_their_true_lines()
    {
        var text = Read(TestFacts.GoodFolder, "sources.yaml");
        ByItem("sources.yaml", text, previous: null, out var before);
        var added = """
              - id: added-2025-11-05
                outlet: Added
                title: A source added at the top
                url: https://example.org/added
                published: 2025-11-05
                language: en

            """;
        var edited = text
            .Replace("sources:\n", "sources:\n" + added, StringComparison.Ordinal)
            .Replace("url: https://example.org/2025-11-24/embassy", "url: http://example.org/2025-11-24/embassy", StringComparison.Ordinal);

        var facts = ByItem("sources.yaml", edited, before, out var after);

        var reused = after!.Parsed.Count(item => before!.Parsed.Contains(item));
        Assert.Equal(3, reused); // of five: the new source and the edited one are parsed, the three others are not
        var error = Assert.Single(facts.Issues);
        Assert.Equal("facts/sources.yaml:29:10: error: 'http://example.org/2025-11-24/embassy' is not an https URL: sources must link to an https page", error.ToString());
        Assert.Equal(Outcome(Whole("sources.yaml", edited)), Outcome(facts));
    }

    [Fact]
    public void A_broken_item_is_reported_where_the_whole_file_would_and_the_fix_parses_that_item_alone()
    {
        var text = Read(TestFacts.GoodFolder, "sources.yaml");
        ByItem("sources.yaml", text, previous: null, out var good);
        var broken = text.Replace("title: Sheinbaum warns about the embassy", "title: \"Sheinbaum warns about the embassy", StringComparison.Ordinal);

        var refused = ByItem("sources.yaml", broken, good, out var partly);
        var fixedAgain = ByItem("sources.yaml", text, partly, out var mended);

        Assert.Equal(Outcome(Whole("sources.yaml", broken)), Outcome(refused));
        Assert.StartsWith("facts/sources.yaml:", Assert.Single(refused.Issues).ToString(), StringComparison.Ordinal);
        Assert.Equal(3, partly!.Parsed.Count()); // the broken item did not parse; the three others were kept
        Assert.Empty(fixedAgain.Issues);
        Assert.Equal(3, mended!.Parsed.Count(item => good!.Parsed.Contains(item)));
    }
}
