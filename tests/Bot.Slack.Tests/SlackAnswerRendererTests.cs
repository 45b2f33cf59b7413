using System.Text.Json;
using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Querying;

namespace Bot.Slack.Tests;

public sealed class SlackAnswerRendererTests
{
    private static readonly QueryEngine Engine = new(new FixedFactStore(TestFacts.Real));

    /// <summary>Every answer the real fact base can produce, in both languages, with the command that asked for it.</summary>
    private static IEnumerable<(string Command, Answer Answer)> EveryAnswer()
    {
        var facts = TestFacts.Real;
        foreach (var locale in (string[])[BotLanguage.English, BotLanguage.Spanish])
        {
            foreach (var person in facts.People)
            {
                yield return Ask($"/who {person.Id}", locale);
                yield return Ask($"/who {person.Name}", locale);
            }

            foreach (var text in Pages("/timeline", locale))
            {
                yield return text;
            }

            foreach (var speaker in facts.Quotes.Select(q => q.Speaker).Distinct(StringComparer.Ordinal))
            {
                foreach (var text in Pages($"/quote {speaker}", locale))
                {
                    yield return text;
                }
            }

            foreach (var text in Pages("/sources", locale))
            {
                yield return text;
            }

            foreach (var person in facts.People)
            {
                foreach (var text in Pages($"/timeline person:{person.Id}", locale))
                {
                    yield return text;
                }
            }

            foreach (var topic in facts.Topics)
            {
                foreach (var text in Pages($"/timeline topic:{topic.Id}", locale).Concat(Pages($"/positions {topic.Id}", locale)))
                {
                    yield return text;
                }
            }

            yield return Ask("/help", locale);
            foreach (var command in CommandCatalog.All)
            {
                yield return Ask($"/help {command.Name}", locale);
                foreach (var text in command.Examples.Prepend("/" + command.Name).SelectMany(e => Pages(e, locale)))
                {
                    yield return text;
                }
            }

            yield return Ask("/who nobody-at-all-xyz", locale);
            yield return Ask("/who maria", locale);
            yield return Ask("/timeline from:2099-13-40", locale);
            yield return Ask("/nope", locale);
            yield return Ask("/quote sheinbaum zzzzzz", locale);
        }
    }

    private static (string, Answer) Ask(string text, string locale) => (text + " @" + locale, Engine.Answer(text, locale));

    private static IEnumerable<(string, Answer)> Pages(string command, string locale)
    {
        var first = Engine.Answer(command, locale);
        yield return (command + " @" + locale, first);
        for (var page = 2; page <= (first.Paging?.PageCount ?? 1); page++)
        {
            var text = $"{command} page:{page}";
            yield return (text + " @" + locale, Engine.Answer(text, locale));
        }
    }

    [Fact]
    public void Every_answer_the_real_fact_base_can_produce_fits_every_Block_Kit_limit()
    {
        var checkedCount = 0;
        var problems = new List<string>();
        foreach (var (command, answer) in EveryAnswer())
        {
            var json = SlackAnswerRenderer.Render(answer);
            problems.AddRange(BlockKitLimits.Check(json).Select(p => $"{command}: {p}"));
            checkedCount++;
        }

        Assert.Empty(problems);
        Assert.True(checkedCount > 150, $"only {checkedCount} answers were checked");
    }

    [Fact]
    public void Every_answer_but_the_source_lists_shows_at_most_2000_characters_across_its_text_blocks()
    {
        var over = new List<string>();
        var measured = 0;
        foreach (var (command, asked, answer) in SlackAnswerSizeReport.RealAnswers(Engine).Where(a => a.Command != "sources"))
        {
            var json = SlackAnswerRenderer.Render(answer);
            Assert.Empty(BlockKitLimits.Check(json));
            var length = SlackVisibleText.Length(json);
            if (length > 2000)
            {
                over.Add($"{asked}: {length}");
            }

            measured++;
        }

        Assert.Empty(over);
        Assert.True(measured > 200, $"only {measured} answers were measured");
    }

    [Fact]
    public void The_All_sources_button_opens_a_private_paged_list_of_every_cited_headline()
    {
        var answer = Engine.Answer("/who betssy-chavez");
        using var doc = JsonDocument.Parse(SlackAnswerRenderer.Render(answer));
        var button = doc.RootElement.GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Single(e => e.GetProperty("action_id").GetString() == "page:sources:en");
        Assert.True(PageToken.TryDecode(button.GetProperty("value").GetString(), out var token));

        var view = Engine.Answer(token.ToRequest());
        var json = SlackAnswerRenderer.Render(view);

        Assert.Empty(BlockKitLimits.Check(json));
        Assert.Equal("ephemeral", JsonDocument.Parse(json).RootElement.GetProperty("response_type").GetString());
        Assert.Contains(BlockKitLimits.Texts(json), t => t.Contains(SlackText.Escape(answer.Citations[0].Title, 3000), StringComparison.Ordinal));
    }

    [Fact]
    public void Every_paged_answer_has_buttons_whose_values_fetch_the_neighbouring_pages()
    {
        var first = Engine.Answer("/timeline");
        Assert.NotNull(first.Paging?.Next);

        using var doc = JsonDocument.Parse(SlackAnswerRenderer.Render(first));
        var actions = doc.RootElement.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "actions" && b.GetProperty("block_id").GetString() == "paging");
        var next = actions.GetProperty("elements").EnumerateArray().Single();
        Assert.Equal("page:next:en", next.GetProperty("action_id").GetString());
        Assert.True(PageToken.TryDecode(next.GetProperty("value").GetString(), out var token));

        var second = Engine.Answer(token.ToRequest());
        Assert.Equal(2, second.Paging?.Page);
    }

    [Fact]
    public void Citations_become_numbered_mrkdwn_links_to_their_sources()
    {
        var answer = Engine.Answer("/who betssy-chavez");
        var json = SlackAnswerRenderer.Render(answer);
        var first = answer.Citations[0];
        var url = first.Url.AbsoluteUri.Replace("&", "&amp;", StringComparison.Ordinal);

        // The body's marker links to the source, and the compact line names its outlet and date.
        Assert.Contains(BlockKitLimits.Texts(json), t => t.Contains($"<{url}|[1]>", StringComparison.Ordinal));
        Assert.Contains(BlockKitLimits.Texts(json), t => t.Contains($"[1] <{url}|{SlackText.Escape(first.Outlet, 300)}, {first.Published.ToShortDisplayString("en")}>", StringComparison.Ordinal));
        Assert.All(answer.Citations, c => Assert.DoesNotContain(BlockKitLimits.Texts(json), t => t.Contains(SlackText.Escape(c.Title, 3000), StringComparison.Ordinal)));
    }

    [Fact]
    public void Answers_for_the_channel_are_in_channel_and_errors_and_misses_are_ephemeral()
    {
        static string Type(string text)
        {
            using var doc = JsonDocument.Parse(SlackAnswerRenderer.Render(Engine.Answer(text)));
            return doc.RootElement.GetProperty("response_type").GetString()!;
        }

        Assert.Equal("in_channel", Type("/who betssy-chavez"));
        Assert.Equal("in_channel", Type("/help"));
        Assert.Equal("ephemeral", Type("/who nobody-at-all-xyz"));
        Assert.Equal("ephemeral", Type("/timeline from:banana"));
    }

    [Fact]
    public void Fact_text_with_mentions_links_and_ampersands_renders_escaped()
    {
        const string Hostile = "Tom & Jerry <!channel> @here @Channel <https://evil.example|x> <@U123> <#C1> > <";
        var answer = new Answer
        {
            Kind = AnswerKind.Found,
            Title = Hostile,
            Subtitle = Hostile,
            Body = Hostile,
            Fields = [new AnswerField(Hostile, Hostile)],
            Sections = [new AnswerSection(Hostile, [new AnswerLine(Hostile, Hostile, [1]) { Detail = Hostile }])],
            Citations = [new Citation(1, "s", Hostile, Hostile, new Uri("https://example.org/a?b=1&c=<2>|3"), PartialDate.Parse("2025-11-03"), "en")],
            Suggestions = [new Suggestion(Hostile, Hostile)],
            Footer = Hostile,
        };

        var json = SlackAnswerRenderer.Render(answer);
        var texts = BlockKitLimits.Texts(json).ToList();

        Assert.Empty(BlockKitLimits.Check(json));
        foreach (var text in texts)
        {
            Assert.DoesNotContain("<!", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<@", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<#", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<https://evil", text, StringComparison.Ordinal);
            Assert.DoesNotContain("@here", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@channel", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("&(?!amp;|lt;|gt;)", text);
        }

        Assert.Contains(texts, t => t.Contains("Tom &amp; Jerry &lt;!channel&gt; @\u2060here", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("&lt;https://evil.example|x&gt;", StringComparison.Ordinal));
        // the only real link is our own citation, with its URL made safe inside <url|text>
        Assert.Contains(texts, t => t.Contains("<https://example.org/a?b=1&amp;c=%3C2%3E%7C3|[1]>", StringComparison.Ordinal));
    }

    [Fact]
    public void What_the_user_typed_is_escaped_when_it_is_echoed_back()
    {
        var json = SlackAnswerRenderer.Render(Engine.Answer("/who <!channel> & <https://evil.example|click>"));

        Assert.All(BlockKitLimits.Texts(json), t => Assert.DoesNotContain("<!channel>", t, StringComparison.Ordinal));
        Assert.All(BlockKitLimits.Texts(json), t => Assert.DoesNotContain("<https://evil", t, StringComparison.Ordinal));
        Assert.Contains(BlockKitLimits.Texts(json), t => t.Contains("&lt;!channel&gt; &amp;", StringComparison.Ordinal));
    }

    [Fact]
    public void An_answer_far_larger_than_a_message_is_cut_to_fit_every_limit_and_says_so()
    {
        var line = new string('x', 2500) + " & <b>";
        var answer = new Answer
        {
            Kind = AnswerKind.Found,
            Title = new string('T', 400),
            Subtitle = new string('s', 5000),
            Body = new string('&', 4000),
            BodyCitations = [.. Enumerable.Range(1, 60)],
            Fields = [.. Enumerable.Range(0, 25).Select(i => new AnswerField(new string('n', 300), new string('<', 3000)))],
            Sections = [.. Enumerable.Range(0, 30).Select(i => new AnswerSection($"Section {i}", [.. Enumerable.Range(0, 5).Select(_ => new AnswerLine("label", line, [1, 2, 3]) { Detail = new string('d', 2000), Link = new Uri("https://example.org/" + new string('p', 900)) })]))],
            Citations = [.. Enumerable.Range(1, 60).Select(n => new Citation(n, "s" + n, "Outlet", new string('t', 800), new Uri($"https://example.org/{n}/" + new string('u', 200)), PartialDate.Parse("2025"), "en"))],
            Suggestions = [.. Enumerable.Range(0, 40).Select(i => new Suggestion(new string('l', 500), "/who " + new string('c', 500)))],
            Paging = new AnswerPaging(2, 9, 99, new PageToken("timeline", new Dictionary<string, string>(), 1), new PageToken("timeline", new Dictionary<string, string>(), 3)),
            Footer = new string('f', 5000),
        };

        var json = SlackAnswerRenderer.Render(answer);

        Assert.Empty(BlockKitLimits.Check(json));
        Assert.Contains(BlockKitLimits.Texts(json), t => t.StartsWith("Part of this answer does not fit", StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("actions", doc.RootElement.GetProperty("blocks").EnumerateArray().Reverse().Skip(1).First().GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("a&b&c", 7, "a&amp;…")]
    [InlineData("a&b&c", 6, "a…")]
    [InlineData("<<<<", 9, "&lt;&lt;…")]
    [InlineData("abc", 3, "abc")]
    [InlineData("abcd", 3, "ab…")]
    [InlineData("😀😀😀", 4, "😀…")]
    public void Shortening_never_cuts_an_entity_or_a_surrogate_pair(string raw, int max, string expected)
    {
        var escaped = SlackText.Escape(raw, max);

        Assert.Equal(expected, escaped);
        Assert.True(escaped.Length <= max);
    }

    [Fact]
    public void Spanish_answers_get_spanish_buttons_and_keep_the_language_in_the_action_id()
    {
        var json = SlackAnswerRenderer.Render(Engine.Answer("/timeline", BotLanguage.Spanish));

        Assert.Contains("\"Siguiente ▶\"", json, StringComparison.Ordinal);
        Assert.Contains("\"page:next:es\"", json, StringComparison.Ordinal);
    }
}
