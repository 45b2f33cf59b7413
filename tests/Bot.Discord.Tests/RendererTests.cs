using System.Text.Json.Nodes;
using Bot.Core.Answers;
using Bot.Core.Facts;
using Bot.Discord.Rendering;
using Bot.Discord.Tests.Support;

namespace Bot.Discord.Tests;

public sealed class RendererTests
{
    [Theory]
    [InlineData("@everyone", "@\u200Beveryone")]
    [InlineData("@HERE now", "@\u200BHERE now")]
    [InlineData("<@123> <#9> <:e:1>", "\\<@123\\> \\<\\#9\\> \\<:e:1\\>")]
    [InlineData("**b** _i_ ~~s~~ `c` ||sp||", "\\*\\*b\\*\\* \\_i\\_ \\~\\~s\\~\\~ \\`c\\` \\|\\|sp\\|\\|")]
    [InlineData("[x](https://a.example)", "\\[x\\](https://a.example)")]
    [InlineData("# heading\n- item\n> quote", "\\# heading\n\\- item\n\\> quote")]
    [InlineData("2025-11-03 a-b", "2025-11-03 a-b")]
    [InlineData("back\\slash", "back\\\\slash")]
    public void Markdown_and_mentions_are_escaped(string text, string expected) =>
        Assert.Equal(expected, DiscordMarkdown.Escape(text));

    [Fact]
    public void Plain_contexts_only_break_mass_mentions() =>
        Assert.Equal("hi @\u200Beveryone **x**", DiscordMarkdown.Neutralize("hi @everyone **x**"));

    [Theory]
    [InlineData("abc\\*def", 5, "abc…")]
    [InlineData("abcd\\*ef", 6, "abcd…")]
    [InlineData("short", 10, "short")]
    public void Truncation_never_separates_a_backslash_from_what_it_escapes(string text, int max, string expected) =>
        Assert.Equal(expected, DiscordMarkdown.Truncate(text, max));

    [Fact]
    public void Truncation_never_splits_a_surrogate_pair()
    {
        var cut = DiscordMarkdown.Truncate("ab😀cdef", 4);

        Assert.Equal("ab…", cut);
    }

    [Fact]
    public void A_huge_answer_is_shrunk_to_fit_every_limit_without_cutting_links()
    {
        var citations = Enumerable.Range(1, 60).Select(n => new Citation(n, $"s{n}", new string('O', 200), new string('T', 300),
            new Uri($"https://example.com/{new string('p', 150)}/{n}"), PartialDate.Parse("2025-11-03"), "en")).ToList();
        var lines = Enumerable.Range(1, 80).Select(n => new AnswerLine($"label {n}", new string('w', 2000), [n % 60 + 1, 2, 3])
        {
            Detail = new string('d', 1000),
            Link = n % 2 == 0 ? new Uri("https://example.com/link") : null,
        }).ToList();
        var answer = new Answer
        {
            Kind = AnswerKind.Found,
            Title = new string('t', 1000),
            Subtitle = new string('s', 1000),
            Body = new string('b', 10_000),
            BodyCitations = [1, 2, 3],
            Fields = [.. Enumerable.Range(1, 30).Select(n => new AnswerField(new string('n', 400), new string('v', 2000)))],
            Sections = [new AnswerSection(new string('h', 400), lines), new AnswerSection("Second", lines)],
            Citations = citations,
            Suggestions = [.. Enumerable.Range(1, 30).Select(n => new Suggestion(new string('l', 200), $"/who person-{n}"))],
            Paging = new AnswerPaging(2, 9, 99, new PageToken("timeline", new Dictionary<string, string>(), 1), new PageToken("timeline", new Dictionary<string, string>(), 3)),
            Footer = new string('f', 3000),
        };

        DiscordLimitsAssert.WithinLimits(DiscordAnswerRenderer.Render(answer), "huge answer");
    }

    [Fact]
    public void Private_answers_are_ephemeral_and_public_ones_are_not()
    {
        var found = Json(new Answer { Kind = AnswerKind.Found, Title = "t", Footer = "f" });
        var missing = Json(new Answer { Kind = AnswerKind.NotFound, Title = "t", Footer = "f" });

        Assert.Null(found["data"]!["flags"]);
        Assert.Equal(64, (int)missing["data"]!["flags"]!);
    }

    [Fact]
    public void Paging_buttons_carry_prefixed_page_tokens_and_disable_at_the_ends()
    {
        var answer = new Answer
        {
            Kind = AnswerKind.Found,
            Title = "Timeline",
            Footer = "Fact base",
            Paging = new AnswerPaging(1, 3, 20, null, new PageToken("timeline", new Dictionary<string, string> { ["person"] = "jose-jeri" }, 2)),
        };

        var row = Json(answer)["data"]!["components"]![0]!["components"]!.AsArray();

        Assert.Equal(3, row.Count);
        Assert.True((bool)row[0]!["disabled"]!);
        Assert.True((bool)row[1]!["disabled"]!);
        Assert.Equal("1 / 3", (string)row[1]!["label"]!);
        var next = (string)row[2]!["custom_id"]!;
        Assert.StartsWith("pg:", next, StringComparison.Ordinal);
        Assert.True(PageToken.TryDecode(next[3..], out var token));
        Assert.Equal(2, token.Page);
        Assert.Equal("jose-jeri", token.Options["person"]);
    }

    [Fact]
    public void The_public_render_is_an_interaction_response_of_type_4()
    {
        var json = DiscordAnswerRenderer.Render(new Answer { Kind = AnswerKind.Help, Title = "Help", Body = "Body", Footer = "Footer" });

        Assert.StartsWith("""{"type":4,"data":{"embeds":[{"title":"Help","description":"Body",""", json, StringComparison.Ordinal);
        Assert.Contains("\"allowed_mentions\":{\"parse\":[]}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Indented_render_is_the_same_json()
    {
        var answer = new Answer { Kind = AnswerKind.Found, Title = "Á", Footer = "é" };

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(DiscordAnswerRenderer.Render(answer)), JsonNode.Parse(DiscordAnswerRenderer.Render(answer, indented: true))));
        Assert.Contains("\"Á\"", DiscordAnswerRenderer.Render(answer), StringComparison.Ordinal);
    }

    private static JsonNode Json(Answer answer) => JsonNode.Parse(DiscordAnswerRenderer.Render(answer))!;
}
