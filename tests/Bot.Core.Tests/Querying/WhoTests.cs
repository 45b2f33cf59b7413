using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Querying;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Querying;

public sealed class WhoTests
{
    [Fact]
    public void Who_gives_full_name_roles_with_dates_status_and_numbered_sources()
    {
        var answer = Full("betssy chavez");

        Assert.Equal(AnswerKind.Found, answer.Kind);
        Assert.False(answer.IsPrivate);
        Assert.Equal("Betssy Chávez", answer.Title);
        Assert.Contains("Betssy Betzabet Chávez Chino", answer.Subtitle, StringComparison.Ordinal);
        var role = Assert.Single(answer.Sections.Single(s => s.Heading == "Roles").Lines);
        Assert.Equal("26 November 2022 – 7 December 2022", role.Label);
        Assert.Equal("Prime Minister of Peru", role.Text);
        var status = Assert.Single(answer.Sections.Single(s => s.Heading == "Where things stand").Lines);
        Assert.Equal("As of 24 November 2025", status.Label);
        Assert.Equal(Enumerable.Range(1, answer.Citations.Count), answer.Citations.Select(c => c.Number));
        Assert.All(answer.Citations, c => Assert.Equal("https", c.Url.Scheme));
        Assert.Equal(answer.Citations.Count, answer.Citations.Select(c => c.SourceId).Distinct().Count());
    }

    [Fact]
    public void Every_citation_number_a_line_uses_exists_in_the_citation_list()
    {
        var answer = TestFacts.Engine().Answer("/who betssy-chavez");
        var used = answer.BodyCitations.Concat(answer.Sections.SelectMany(s => s.Lines).SelectMany(l => l.Citations));

        Assert.All(used, n => Assert.InRange(n, 1, answer.Citations.Count));
    }

    [Fact]
    public void A_role_with_only_an_end_date_shows_an_open_start()
    {
        var answer = Full("castillo");

        Assert.Equal("… – 7 December 2022", answer.Sections.Single(s => s.Heading == "Roles").Lines[0].Label);
    }

    [Fact]
    public void A_current_role_is_shown_as_lasting_to_the_present()
    {
        var answer = Full("balcazar");

        Assert.StartsWith("18 February 2026 – present (as of ", answer.Sections.Single(s => s.Heading == "Roles").Lines[0].Label, StringComparison.Ordinal);
        Assert.Contains(answer.Fields, f => f.Name is "Current role" or "Last known role" && f.Value.StartsWith("President of Peru (", StringComparison.Ordinal));
    }

    [Fact]
    public void A_typo_answers_with_the_person_and_says_which_match_it_chose()
    {
        var answer = TestFacts.Engine().Answer("/who shienbaum");

        Assert.Equal(AnswerKind.Found, answer.Kind);
        Assert.Equal("Claudia Sheinbaum", answer.Title);
        Assert.StartsWith("Closest match for “shienbaum”", answer.Subtitle, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ambiguous_name_lists_the_candidates_privately_as_commands()
    {
        var answer = TestFacts.Engine().Answer("/who jose");

        Assert.Equal(AnswerKind.Ambiguous, answer.Kind);
        Assert.True(answer.IsPrivate);
        Assert.Contains(answer.Suggestions, s => s.Command == "/who jose-jeri");
        Assert.Contains(answer.Suggestions, s => s.Command == "/who jose-maria-balcazar");
    }

    [Fact]
    public void An_unknown_person_is_a_private_not_found_with_suggestions()
    {
        var answer = TestFacts.Engine().Answer("/who nobody-at-all");

        Assert.Equal(AnswerKind.NotFound, answer.Kind);
        Assert.True(answer.IsPrivate);
        Assert.Equal("No one called “nobody-at-all” in the fact base", answer.Title);
        Assert.NotEmpty(answer.Suggestions);
        Assert.All(answer.Suggestions, s => Assert.StartsWith("/who ", s.Command, StringComparison.Ordinal));
    }

    [Fact]
    public void Who_without_a_name_explains_the_usage()
    {
        var answer = TestFacts.Engine().Answer("/who");

        Assert.Equal(AnswerKind.UsageError, answer.Kind);
        Assert.Contains("/who <name>", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spanish_locale_gets_the_bots_own_wording_in_spanish()
    {
        var answer = Full("betssy-chavez", "es-419");

        Assert.Equal("es", answer.Language);
        Assert.Contains(answer.Sections, s => s.Heading == "Cargos");
        Assert.Equal("26 de noviembre de 2022 – 7 de diciembre de 2022", answer.Sections.Single(s => s.Heading == "Cargos").Lines[0].Label);
        Assert.StartsWith("Hechos hasta: ", answer.Footer, StringComparison.Ordinal);
    }

    [Fact]
    public void In_the_channel_who_is_brief_the_summary_the_current_role_dated_where_things_stand_and_three_latest_events()
    {
        var answer = TestFacts.Engine().Answer("/who balcazar");

        Assert.DoesNotContain(answer.Sections, s => s.Heading == "Roles");
        Assert.Contains(answer.Fields, f => f.Name is "Current role" or "Last known role" && f.Value.StartsWith("President of Peru (", StringComparison.Ordinal));
        Assert.True(answer.Sections.Single(s => s.Heading == "In the timeline").Lines.Count <= 3);
        Assert.NotNull(answer.AllSources);
        Assert.True(answer.BodyCitations.Count <= 3);
    }

    /// <summary>The full answer (every role, every event) whose sources the "All sources" view lists.</summary>
    private static Answer Full(string name, string locale = "en") =>
        WhoQuery.Run(TestFacts.Good, new BotRequest("who", new Dictionary<string, string> { ["name"] = name }, locale), TestFacts.Day, brief: false);
}
