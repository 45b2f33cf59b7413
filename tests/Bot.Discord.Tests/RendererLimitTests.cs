using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Querying;
using Bot.Discord.Tests.Support;

namespace Bot.Discord.Tests;

/// <summary>The renderer over the whole real fact base, in both languages: every answer fits every limit.</summary>
public sealed class RendererLimitTests
{
    private static readonly string[] Locales = ["en-US", "es-ES"];

    private readonly QueryEngine _engine = new(new FixedFactStore(TestFacts.Real));

    [Fact]
    public void Every_person_renders_within_limits()
    {
        Assert.NotEmpty(TestFacts.Real.People);
        foreach (var person in TestFacts.Real.People)
        {
            foreach (var locale in Locales)
            {
                Check(new BotRequest("who", Options(("name", person.Id)), locale));
            }
        }
    }

    [Fact]
    public void Every_timeline_page_renders_within_limits()
    {
        foreach (var locale in Locales)
        {
            Assert.True(AllPages(new BotRequest("timeline", Options(), locale)) > 1);
        }

        foreach (var locale in (string[])[.. Locales, "es-419"])
        {
            foreach (var person in TestFacts.Real.People)
            {
                AllPages(new BotRequest("timeline", Options(("person", person.Id)), locale));
            }

            foreach (var topic in TestFacts.Real.Topics)
            {
                AllPages(new BotRequest("timeline", Options(("topic", topic.Id)), locale));
            }
        }
    }

    [Fact]
    public void Every_quote_page_of_every_speaker_renders_within_limits()
    {
        var speakers = TestFacts.Real.Quotes.Select(q => q.Speaker).Distinct(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(speakers);
        foreach (var speaker in speakers)
        {
            foreach (var locale in Locales)
            {
                AllPages(new BotRequest("quote", Options(("speaker", speaker)), locale));
            }
        }
    }

    [Fact]
    public void Every_sources_page_renders_within_limits()
    {
        foreach (var locale in Locales)
        {
            AllPages(new BotRequest("sources", Options(), locale));
        }
    }

    [Fact]
    public void Help_and_the_help_of_every_command_render_within_limits()
    {
        foreach (var locale in Locales)
        {
            Check(new BotRequest("help", Options(), locale));
            foreach (var command in CommandCatalog.All)
            {
                Check(new BotRequest("help", Options(("command", command.Name)), locale));
            }
        }
    }

    [Fact]
    public void Positions_on_every_topic_render_within_limits()
    {
        foreach (var locale in Locales)
        {
            AllPages(new BotRequest("positions", Options(), locale));
            foreach (var topic in TestFacts.Real.Topics)
            {
                AllPages(new BotRequest("positions", Options(("topic", topic.Id)), locale));
            }
        }
    }

    [Fact]
    public void Misses_and_usage_errors_render_within_limits_and_privately()
    {
        foreach (var request in new[]
        {
            new BotRequest("who", Options(("name", "zzzz")), "en-US"),
            new BotRequest("who", Options(("name", "a")), "es-ES"),
            new BotRequest("timeline", Options(("from", "tomorrow")), "en-US"),
            new BotRequest("quote", Options(("speaker", new string('x', 100))), "en-US"),
            new BotRequest("nope", Options(), "en-US"),
            new BotRequest("nope", Options(), "es-419"),
            new BotRequest("positions", Options(("topic", "zzzz")), "es-ES"),
        })
        {
            var json = Check(request);
            Assert.Contains("\"flags\":64", json, StringComparison.Ordinal);
        }
    }

    /// <summary>Beside the platform limits, a reading budget: an answer in the channel fits a phone screen.</summary>
    public const int VisibleBudget = 2000;

    [Fact]
    public void Every_answer_but_the_source_lists_shows_at_most_2000_characters_of_embed_text()
    {
        var over = new List<string>();
        var measured = 0;
        foreach (var (command, asked, answer) in RealAnswers.All(_engine).Where(a => a.Command != "sources"))
        {
            var json = DiscordAnswerRenderer.Render(answer);
            DiscordLimitsAssert.WithinLimits(json, asked);
            var length = VisibleText.EmbedLength(json);
            if (length > VisibleBudget)
            {
                over.Add($"{asked}: {length}");
            }

            measured++;
        }

        Assert.Empty(over);
        Assert.True(measured > 200, $"only {measured} answers were measured");
    }

    [Fact]
    public void Every_All_sources_view_renders_within_limits_privately_with_every_headline_linked()
    {
        var views = 0;
        foreach (var (_, asked, answer) in RealAnswers.All(_engine).Where(a => a.Answer.AllSources is not null))
        {
            var titles = new List<string>();
            var request = answer.AllSources!.Token.ToRequest(answer.Language);
            for (var pages = 0; pages < 50; pages++)
            {
                var view = _engine.Answer(request);
                var json = DiscordAnswerRenderer.Render(view);
                DiscordLimitsAssert.WithinLimits(json, "sources of " + asked);
                Assert.Contains("\"flags\":64", json, StringComparison.Ordinal);
                titles.AddRange(view.Sections.SelectMany(s => s.Lines).Where(l => l.Link is not null).Select(l => l.Text));
                if (view.Paging?.Next is not { } next)
                {
                    break;
                }

                request = next.ToRequest(answer.Language);
            }

            Assert.True(answer.Citations.All(c => titles.Contains(c.Title)), $"{asked}: a cited source is missing from All sources");
            views++;
        }

        Assert.True(views > 100, $"only {views} views were checked");
    }

    [Fact]
    public void Real_answers_are_not_shortened()
    {
        // Limits hold by dropping whole lines; with the real base and the core's page sizes nothing should be dropped.
        foreach (var person in TestFacts.Real.People)
        {
            var json = DiscordAnswerRenderer.Render(_engine.Answer(new BotRequest("who", Options(("name", person.Id)))));
            Assert.DoesNotContain("more not shown", json, StringComparison.Ordinal);
            Assert.DoesNotContain("more: /sources", json, StringComparison.Ordinal);
        }
    }

    private int AllPages(BotRequest first)
    {
        var pages = 0;
        var request = first;
        while (true)
        {
            var answer = _engine.Answer(request);
            DiscordLimitsAssert.WithinLimits(DiscordAnswerRenderer.Render(answer), Describe(request));
            pages++;
            if (answer.Paging?.Next is not { } next || pages > 200)
            {
                return pages;
            }

            request = next.ToRequest(first.Locale);
        }
    }

    private string Check(BotRequest request)
    {
        var json = DiscordAnswerRenderer.Render(_engine.Answer(request));
        DiscordLimitsAssert.WithinLimits(json, Describe(request));
        return json;
    }

    private static string Describe(BotRequest request) => TextCommandParser.Format(request) + " (" + request.Locale + ")";

    private static Dictionary<string, string> Options(params (string Name, string Value)[] options) =>
        options.ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal);
}
