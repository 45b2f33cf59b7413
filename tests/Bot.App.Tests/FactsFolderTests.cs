using Bot.App.Tests.Support;
using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Rendering;

namespace Bot.App.Tests;

/// <summary>The real facts/ folder, checked on every change so moderators' edits are verified before merge.</summary>
public sealed class FactsFolderTests
{
    private static readonly string[] Unreliable = ["crene.com", "archyde.com", "statesheadline.com", "evangelio.news", "ancashaldia.com"];

    [Fact]
    public void The_real_fact_base_loads_with_zero_errors()
    {
        Assert.Empty(RealFacts.Report.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Every_fact_cites_at_least_one_source_with_an_https_url()
    {
        var facts = RealFacts.Base;
        IEnumerable<(string Id, IReadOnlyList<string> Sources)> all =
        [
            .. facts.People.Select(p => (p.Id, p.Sources)),
            .. facts.People.SelectMany(p => p.Roles.Select(r => ($"{p.Id} role {r.Title}", r.Sources))),
            .. facts.Events.Select(e => (e.Id, e.Sources)),
            .. facts.Quotes.Select(q => (q.Id, q.Sources)),
        ];

        Assert.All(all, fact =>
        {
            Assert.NotEmpty(fact.Sources);
            Assert.All(fact.Sources, id => Assert.True(facts.TryGetSource(id, out var s) && s.Url.Scheme == "https", $"{fact.Id} cites {id}"));
        });
    }

    [Fact]
    public void Every_fact_in_the_bundled_base_has_its_spanish_text()
    {
        // A moderator editing from chat may leave a Spanish text for later (a warning); the bundled base may not.
        Assert.Empty(RealFacts.Report.Warnings.Where(w => w.Message.StartsWith("no Spanish text", StringComparison.Ordinal)).Select(w => w.ToString()));
    }

    [Fact]
    public void Every_role_still_held_and_every_status_is_dated_by_a_source()
    {
        var facts = RealFacts.Base;
        Assert.All(facts.People, p =>
        {
            Assert.All(p.Roles.Where(r => r.To is null), r => Assert.NotEmpty(r.Sources));
            if (p.Status is { } status)
            {
                Assert.NotEmpty(status.Sources);
                Assert.All(status.Sources, id => Assert.True(facts.TryGetSource(id, out var s) && s.Published.Start <= status.AsOf.End, $"{p.Id}: status as of {status.AsOf} cites {id}, published later"));
            }
        });
    }

    [Fact]
    public void No_unreliable_source_is_cited()
    {
        Assert.All(RealFacts.Base.Sources, s => Assert.DoesNotContain(Unreliable, host => s.Url.Host.EndsWith(host, StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [InlineData("betssy-chavez")]
    [InlineData("pedro-castillo")]
    [InlineData("dina-boluarte")]
    [InlineData("jose-jeri")]
    [InlineData("jose-maria-balcazar")]
    [InlineData("claudia-sheinbaum")]
    [InlineData("andres-manuel-lopez-obrador")]
    [InlineData("hugo-de-zela")]
    [InlineData("karla-ornelas")]
    [InlineData("lilia-paredes")]
    [InlineData("pablo-monroy")]
    [InlineData("gustavo-petro")]
    [InlineData("jorge-glas")]
    [InlineData("ana-cecilia-gervasi")]
    public void Everyone_central_to_the_dispute_has_an_entry(string id) => Assert.True(RealFacts.Base.TryGetPerson(id, out _));

    [Fact]
    public void The_base_covers_the_dispute_from_the_2022_self_coup_attempt_onward()
    {
        var facts = RealFacts.Base;

        Assert.True(facts.Events.Count >= 30);
        Assert.True(facts.Quotes.Count >= 30);
        Assert.Equal(new DateOnly(2022, 12, 7), facts.Events[0].Date.Start);
        Assert.True(facts.Events[^1].Date.Start >= new DateOnly(2026, 2, 17));
    }

    [Fact]
    public void The_break_in_relations_records_both_dates_the_sources_give()
    {
        var facts = RealFacts.Base;
        var dates = facts.Events.Where(e => e.Id.Contains("peru-breaks-relations", StringComparison.Ordinal))
            .SelectMany(e => e.DateVariants.Select(v => v.Date).Prepend(e.Date)).ToList();

        Assert.Contains(PartialDate.Parse("2025-11-03"), dates);
        Assert.Contains(PartialDate.Parse("2025-11-04"), dates);
    }

    [Fact]
    public void Jeri_was_president_from_10_october_2025_to_17_february_2026()
    {
        Assert.True(RealFacts.Base.TryGetPerson("jose-jeri", out var jeri));

        Assert.Contains(jeri.Roles, r => r.Title.Contains("President", StringComparison.Ordinal)
            && r.From == PartialDate.Parse("2025-10-10") && r.To == PartialDate.Parse("2026-02-17"));
    }

    [Fact]
    public void Every_example_in_the_command_catalog_gets_an_answer()
    {
        var engine = RealFacts.Engine();

        // /report and /facts need the host's database and a moderator: ReportsEndToEndTests covers their examples' shapes.
        var examples = CommandCatalog.All.Where(c => c.Name is not (CommandCatalog.Report or CommandCatalog.Facts)).SelectMany(c => c.Examples);
        Assert.All(examples, example =>
            Assert.Contains(engine.Answer(example).Kind, (AnswerKind[])[AnswerKind.Found, AnswerKind.Help]));
    }

    [Fact]
    public void Every_answer_the_base_can_give_is_consistent_and_renders()
    {
        var facts = RealFacts.Base;
        var engine = RealFacts.Engine();
        var answers = new List<Answer>();
        answers.AddRange(facts.People.Select(p => engine.Answer($"/who {p.Id}")));
        answers.AddRange(AllPages(engine, "/timeline"));
        answers.AddRange(AllPages(engine, "/sources"));
        foreach (var speaker in facts.Quotes.Select(q => q.Speaker).Distinct())
        {
            answers.AddRange(AllPages(engine, $"/quote {speaker}"));
        }

        Assert.All(answers, answer =>
        {
            Assert.Equal(AnswerKind.Found, answer.Kind);
            var used = answer.BodyCitations.Concat(answer.Sections.SelectMany(s => s.Lines).SelectMany(l => l.Citations));
            Assert.All(used, n => Assert.InRange(n, 1, answer.Citations.Count));
            var text = PlainTextRenderer.Render(answer);
            Assert.All(answer.Citations, c => Assert.Contains(c.Url.AbsoluteUri, text, StringComparison.Ordinal));
        });
        Assert.Equal(facts.Quotes.Count, answers.Where(a => a.Title.StartsWith("Quotes by", StringComparison.Ordinal)).Sum(a => a.Sections.Single().Lines.Count));
        Assert.Equal(facts.Events.Count, answers.Where(a => a.Title.StartsWith("Timeline", StringComparison.Ordinal)).Sum(a => a.Sections.Single().Lines.Count));
    }

    private static IEnumerable<Answer> AllPages(Bot.Core.Querying.QueryEngine engine, string command)
    {
        var answer = engine.Answer(command);
        yield return answer;
        while (answer.Paging?.Next is { } next)
        {
            answer = engine.Answer(next.ToRequest());
            yield return answer;
        }
    }
}
