using Bot.Core.Answers;
using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Querying;
using Bot.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Core.Tests.Querying;

/// <summary>Answers say how current their present-tense claims are, and speak Spanish with the curators' own Spanish text.</summary>
public sealed class TimeAndLanguageTests
{
    private static QueryEngine EngineOn(string day, int staleAfterDays = Freshness.DefaultStaleAfterDays) =>
        new(new FixedFactStore(TestFacts.Good), freshness: new Freshness(new FakeTimeProvider(DateTimeOffset.Parse(day + "T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.FromDays(staleAfterDays)));

    /// <summary>The full /who (every role with its span), whose sources the "All sources" view lists.</summary>
    private static Answer FullWhoOn(string day, string name) =>
        WhoQuery.Run(TestFacts.Good, new Bot.Core.Commands.BotRequest("who", new Dictionary<string, string> { ["name"] = name }), new Freshness(new FakeTimeProvider(DateTimeOffset.Parse(day + "T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.FromDays(Freshness.DefaultStaleAfterDays)), brief: false);

    [Fact]
    public void A_role_still_held_is_dated_as_of_its_newest_source_with_its_scheduled_end()
    {
        var answer = FullWhoOn("2026-03-01", "balcazar");

        Assert.Equal(
            "18 February 2026 – present (as of 4 November 2025; term scheduled to end 28 July 2026)",
            answer.Sections.Single(s => s.Heading == "Roles").Lines[0].Label);
        Assert.Contains(answer.Fields, f => f.Name == "Current role" && f.Value == "President of Peru (as of 4 November 2025)");
    }

    [Fact]
    public void Once_a_scheduled_end_has_passed_the_role_is_no_longer_called_current()
    {
        var answer = FullWhoOn("2026-12-06", "balcazar");

        Assert.Equal(
            "18 February 2026 – term scheduled to end 28 July 2026; the fact base has no later information",
            answer.Sections.Single(s => s.Heading == "Roles").Lines[0].Label);
        Assert.DoesNotContain(answer.Fields, f => f.Name == "Current role");
        var last = Assert.Single(answer.Fields, f => f.Name == "Last known role");
        Assert.Contains("no later information", last.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_question_is_answered_afresh_on_a_new_day()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 27, 12, 0, 0, TimeSpan.Zero));
        var engine = new QueryEngine(new FixedFactStore(TestFacts.Good), freshness: new Freshness(time, TimeSpan.FromDays(180)));

        var before = engine.Answer("/who balcazar");
        time.Advance(TimeSpan.FromDays(2));
        var after = engine.Answer("/who balcazar");

        Assert.Contains(before.Fields, f => f.Name == "Current role");
        Assert.Contains(after.Fields, f => f.Name == "Last known role");
    }

    [Fact]
    public void The_footer_says_how_far_the_events_reach_and_when_the_base_was_checked()
    {
        var english = TestFacts.Engine().Answer("/who jeri");
        var spanish = TestFacts.Engine().Answer("/who jeri", "es-ES");

        Assert.StartsWith("Facts cover events up to February 2026 · checked 22 November 2026", english.Footer, StringComparison.Ordinal);
        Assert.StartsWith("Hechos hasta: febrero de 2026 · revisados: 22 de noviembre de 2026", spanish.Footer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("is balcazar still president")]
    [InlineData("does peru still have relations with mexico")]
    [InlineData("sigue balcazar de presidente")]
    public void A_question_about_now_is_answered_with_the_date_of_its_newest_source(string question)
    {
        var fresh = EngineOn("2025-12-01").Answer($"/ask {question}");
        var stale = EngineOn("2026-12-06").Answer($"/ask {question}");

        Assert.Equal(AnswerKind.Found, fresh.Kind);
        var newest = fresh.Citations.Max(c => c.Published).ToDisplayString(fresh.Language);
        Assert.Contains(newest, fresh.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("/report", fresh.Body, StringComparison.Ordinal);
        Assert.Contains(newest, stale.Body, StringComparison.Ordinal);
        Assert.Contains("/report", stale.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_not_about_now_carries_no_date_line()
    {
        var answer = EngineOn("2026-12-06").Answer("/ask why did peru break relations with mexico");

        Assert.Equal(AnswerKind.Found, answer.Kind);
        Assert.Null(answer.Body);
    }

    [Fact]
    public void A_stale_status_line_warns_that_later_developments_may_be_missing()
    {
        var answer = EngineOn("2026-12-06").Answer("/who betssy chavez");

        var status = Assert.Single(answer.Sections.Single(s => s.Heading == "Where things stand").Lines);
        Assert.Contains("later developments may be missing", status.Detail, StringComparison.Ordinal);
        Assert.Contains("/report", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spanish_reader_gets_the_curated_spanish_text_and_english_where_none_exists_yet()
    {
        var who = TestFacts.Engine().Answer("/who balcazar", "es-419");
        var timeline = TestFacts.Engine().Answer("/timeline topic:asylum", "es-ES");

        Assert.Equal("Presidente interino del Perú tras Jerí.", who.Body);
        Assert.StartsWith("Presidente del Perú (", who.Fields.Single(f => f.Name is "Cargo actual" or "Último cargo conocido").Value, StringComparison.Ordinal);
        Assert.Contains("tema: Asilo diplomático", timeline.Subtitle, StringComparison.Ordinal);
        var lines = timeline.Sections.Single().Lines;
        var line = Assert.Single(lines);
        Assert.Equal("Perú rompe relaciones con México", line.Text);
        var english = TestFacts.Engine().Answer("/who jeri", "es-ES");
        Assert.Equal(TestFacts.Good.People.Single(p => p.Id == "jose-jeri").Summary, english.Body);
    }

    [Fact]
    public void A_missing_spanish_text_is_a_located_warning_and_an_empty_one_an_error()
    {
        using var folder = new TempFactFolder()
            .Write("people/jose-maria-balcazar.yaml", """
                id: jose-maria-balcazar
                name: José María Balcázar
                country: Peru
                roles:
                  - title: President of Peru
                    from: 2026-02-18
                    sources: [wire-2025-11-04-break]
                summary: Interim president of Peru after Jerí.
                summary_es: " "
                sources: [wire-2025-11-04-break]
                """);

        var report = folder.Load();

        // Pointed at the English text it would translate (the role's title, line 5), since the key itself is absent.
        Assert.Contains(report.Warnings, w => w.Path == "facts/people/jose-maria-balcazar.yaml" && w.Line == 5
            && w.Message == "no Spanish text: add 'title_es' (written by a curator, never machine-translated)");
        Assert.Contains(report.Errors, e => e.ToString().StartsWith("facts/people/jose-maria-balcazar.yaml:9:", StringComparison.Ordinal) && e.Message.Contains("'summary_es' is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void A_scheduled_end_on_a_role_that_has_ended_is_an_error()
    {
        using var folder = new TempFactFolder()
            .Write("people/jose-maria-balcazar.yaml", """
                id: jose-maria-balcazar
                name: José María Balcázar
                country: Peru
                roles:
                  - title: President of Peru
                    title_es: Presidente del Perú
                    from: 2026-02-18
                    to: 2026-07-28
                    scheduled_to: 2026-07-28
                    sources: [wire-2025-11-04-break]
                summary: Interim president of Peru after Jerí.
                summary_es: Presidente interino del Perú tras Jerí.
                sources: [wire-2025-11-04-break]
                """);

        var report = folder.Load();

        Assert.Contains(report.Errors, e => e.Line == 9 && e.Message.Contains("'scheduled_to' is for a role still held", StringComparison.Ordinal));
    }

    [Fact]
    public void Present_tense_claims_older_than_the_staleness_limit_are_listed_for_moderators()
    {
        using var folder = new TempFactFolder();
        var loader = new FactBaseLoader(new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero))) { StaleAfter = TimeSpan.FromDays(180) };

        var report = loader.Load(folder.Path, "facts");

        Assert.Contains(report.Warnings, w => w.Path == "facts/people/jose-maria-balcazar.yaml" && w.Line == 6
            && w.Message.Contains("'President of Peru' is shown as held to the present, but its newest source is from 2025-11-04", StringComparison.Ordinal));
    }
}
