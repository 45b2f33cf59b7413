using Bot.Core.Loading;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Loading;

public sealed class FactBaseLoaderTests
{
    private static IReadOnlyList<string> Errors(FactLoadReport report) => [.. report.Errors.Select(e => e.ToString())];

    [Fact]
    public void The_good_fixture_loads_with_no_errors_and_every_fact()
    {
        using var folder = new TempFactFolder();

        var report = folder.Load();

        Assert.Empty(report.Errors);
        Assert.NotNull(report.Facts);
        Assert.Equal(5, report.Facts.People.Count);
        Assert.Equal(4, report.Facts.Events.Count);
        Assert.Equal(3, report.Facts.Quotes.Count);
        Assert.Equal(4, report.Facts.Sources.Count);
        Assert.Equal(3, report.Facts.Topics.Count);
        Assert.Single(report.Facts.Positions);
    }

    [Fact]
    public void An_unknown_key_is_an_error_at_its_line_and_column()
    {
        using var folder = new TempFactFolder().Write("people/pedro-castillo.yaml", """
            id: pedro-castillo
            name: Pedro Castillo
            country: Peru
            nickname: Profe
            summary: Former president.
            sources: [profile-2025-chavez]
            """);

        var report = folder.Load();

        Assert.Null(report.Facts);
        Assert.Contains("facts/people/pedro-castillo.yaml:4:1: error: unknown key 'nickname'", Errors(report));
    }

    [Fact]
    public void An_empty_or_overlong_example_question_is_an_error_at_its_line_and_column()
    {
        using var folder = new TempFactFolder().Write("events/2026-02-balcazar-interim.yaml", $$"""
            id: 2026-02-balcazar-interim
            date: 2026-02
            title: Balcázar becomes interim president
            summary: José María Balcázar became interim president.
            sources: [wire-2025-11-04-break]
            asks:
              - who is president now
              - "  "
            asks_es:
              - "{{new string('a', 201)}}"
            """);

        var report = folder.Load();

        Assert.Null(report.Facts);
        var errors = Errors(report);
        Assert.Contains("facts/events/2026-02-balcazar-interim.yaml:8:5: error: empty question in 'asks': write a question this fact answers, or remove the line", errors);
        Assert.Contains(errors, e => e.StartsWith("facts/events/2026-02-balcazar-interim.yaml:10:5: error: question in 'asks_es' is 201 characters long: keep it to 200", StringComparison.Ordinal));
    }

    [Fact]
    public void Example_questions_load_onto_their_fact()
    {
        using var folder = new TempFactFolder().Write("people/jose-maria-balcazar.yaml", """
            id: jose-maria-balcazar
            name: José María Balcázar
            country: Peru
            summary: Interim president of Peru.
            sources: [wire-2025-11-04-break]
            asks: [who runs peru now]
            asks_es: ["quién manda en el perú"]
            """);

        var report = folder.Load();

        Assert.Empty(report.Errors);
        var person = Assert.Single(report.Facts!.People, p => p.Id == "jose-maria-balcazar");
        Assert.Equal(["who runs peru now"], person.Asks);
        Assert.Equal(["quién manda en el perú"], person.AsksEs);
    }

    [Fact]
    public void A_key_given_twice_is_an_error_at_the_second_one()
    {
        using var folder = new TempFactFolder().Write("people/pedro-castillo.yaml", """
            id: pedro-castillo
            name: Pedro Castillo
            country: Peru
            summary: Former president.
            summary: Former head of state.
            sources: [profile-2025-chavez]
            """);

        var error = Assert.Single(folder.Load().Errors, e => e.Path == "facts/people/pedro-castillo.yaml");

        Assert.Equal(5, error.Line);
        Assert.Contains("summary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_syntax_is_an_error_with_its_location()
    {
        using var folder = new TempFactFolder().Write("people/pedro-castillo.yaml", """
            id: pedro-castillo
            name: "Pedro Castillo
            country: Peru
            """);

        var error = Assert.Single(folder.Load().Errors, e => e.Path == "facts/people/pedro-castillo.yaml");

        Assert.True(error.Line >= 2, error.ToString());
        Assert.StartsWith("invalid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_source_id_is_reported_where_it_is_cited_with_the_closest_id()
    {
        using var folder = new TempFactFolder().Write("people/pedro-castillo.yaml", """
            id: pedro-castillo
            name: Pedro Castillo
            country: Peru
            summary: Former president.
            sources: [profile-2025-chaves]
            """);

        Assert.Contains(
            "facts/people/pedro-castillo.yaml:5:11: error: unknown source id 'profile-2025-chaves' (did you mean 'profile-2025-chavez'?)",
            Errors(folder.Load()));
    }

    [Fact]
    public void Unknown_people_and_topics_in_an_event_are_each_reported()
    {
        using var folder = new TempFactFolder().Write("events/2022-12-07-castillo-removed.yaml", """
            id: 2022-12-07-castillo-removed
            date: 2022-12-07
            title: Castillo removed
            summary: Congress removed Pedro Castillo.
            people: [pedro-castilo]
            topics: [coup]
            sources: [profile-2025-chavez]
            """);

        var errors = Errors(folder.Load());

        Assert.Contains("facts/events/2022-12-07-castillo-removed.yaml:5:10: error: unknown person id 'pedro-castilo' (did you mean 'pedro-castillo'?)", errors);
        Assert.Contains(errors, e => e.StartsWith("facts/events/2022-12-07-castillo-removed.yaml:6:10: error: unknown topic id 'coup'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fact_without_sources_is_an_error()
    {
        using var folder = new TempFactFolder().Write("events/2022-12-07-castillo-removed.yaml", """
            id: 2022-12-07-castillo-removed
            date: 2022-12-07
            title: Castillo removed
            summary: Congress removed Pedro Castillo.
            sources: []
            """);

        Assert.Contains(Errors(folder.Load()), e => e.StartsWith("facts/events/2022-12-07-castillo-removed.yaml:5:10: error: missing sources", StringComparison.Ordinal));
    }

    [Fact]
    public void A_source_without_an_https_url_is_an_error()
    {
        using var folder = new TempFactFolder().Write("sources.yaml", File.ReadAllText(Path.Combine(TestFacts.GoodFolder, "sources.yaml"))
            .Replace("https://example.org/2025-11-04/peru-cuts-ties", "http://example.org/2025-11-04/peru-cuts-ties", StringComparison.Ordinal));

        Assert.Contains(
            "facts/sources.yaml:11:10: error: 'http://example.org/2025-11-04/peru-cuts-ties' is not an https URL: sources must link to an https page",
            Errors(folder.Load()));
    }

    [Fact]
    public void Duplicate_source_ids_are_an_error_that_points_at_the_first()
    {
        var sources = File.ReadAllText(Path.Combine(TestFacts.GoodFolder, "sources.yaml")) + """
              - id: wire-2025-11-04-break
                outlet: Other
                title: Another
                url: https://example.org/other
                published: 2025-11-05
                language: en

            """;
        using var folder = new TempFactFolder().Write("sources.yaml", sources);

        Assert.Contains("facts/sources.yaml:26:9: error: duplicate source id 'wire-2025-11-04-break' (first defined at line 8)", Errors(folder.Load()));
    }

    [Fact]
    public void A_quotes_example_questions_load_onto_it_and_an_empty_one_is_an_error_at_its_line_and_column()
    {
        const string Quote = """
            speaker: jose-jeri
            quotes:
              - id: jeri-2025-11-test-embassy
                date: 2025-11-23
                text: "No vamos a entrar."
                language: es
                translated: false
                context: Jerí on the embassy.
                sources: [wire-2025-11-04-break]
                asks: [will the police go into the embassy]
            """;
        using var good = new TempFactFolder().Write("quotes/jose-jeri.yaml", Quote + """

                asks_es: ["¿entrará la policía a la embajada?"]
            """);
        using var bad = new TempFactFolder().Write("quotes/jose-jeri.yaml", Quote + """

                asks_es: ["  "]
            """);

        var loaded = good.Load();
        Assert.Empty(loaded.Errors);
        Assert.True(loaded.Facts!.TryGetQuote("jeri-2025-11-test-embassy", out var quote));
        Assert.Equal(["will the police go into the embassy"], quote.Asks);
        Assert.Equal(["¿entrará la policía a la embajada?"], quote.AsksEs);
        Assert.Contains("facts/quotes/jose-jeri.yaml:11:15: error: empty question in 'asks_es': write a question this fact answers, or remove the line", Errors(bad.Load()));
    }

    [Fact]
    public void Duplicate_quote_ids_across_files_are_an_error()
    {
        using var folder = new TempFactFolder().Write("quotes/jose-jeri.yaml", """
            speaker: jose-jeri
            quotes:
              - id: sheinbaum-2025-11-04-proportion
                date: 2025-11-04
                text: "Something."
                language: es
                translated: false
                context: A test.
                sources: [wire-2025-11-04-break]
            """);

        Assert.Contains(
            "facts/quotes/jose-jeri.yaml:3:9: error: duplicate quote id 'sheinbaum-2025-11-04-proportion' (first in quotes/claudia-sheinbaum.yaml)",
            Errors(folder.Load()));
    }

    [Theory]
    [InlineData("2025-02-30", "'2025-02-30' is not a valid date (YYYY-MM-DD, YYYY-MM or YYYY, and the day must exist)")]
    [InlineData("3 Nov 2025", "'3 Nov 2025' is not a valid date (YYYY-MM-DD, YYYY-MM or YYYY, and the day must exist)")]
    [InlineData("2025-13", "'2025-13' is not a valid date (YYYY-MM-DD, YYYY-MM or YYYY, and the day must exist)")]
    public void An_impossible_or_malformed_date_is_an_error(string date, string message)
    {
        using var folder = new TempFactFolder().Write("events/2022-12-07-castillo-removed.yaml", $"""
            id: 2022-12-07-castillo-removed
            date: {date}
            title: Castillo removed
            summary: Congress removed Pedro Castillo.
            sources: [profile-2025-chavez]
            """);

        Assert.Contains($"facts/events/2022-12-07-castillo-removed.yaml:2:7: error: {message}", Errors(folder.Load()));
    }

    [Fact]
    public void A_date_precision_that_does_not_match_the_date_is_an_error()
    {
        using var folder = new TempFactFolder().Write("events/2026-02-balcazar-interim.yaml", """
            id: 2026-02-balcazar-interim
            date: 2026-02
            date_precision: day
            title: Balcázar becomes interim president
            summary: José María Balcázar became interim president.
            sources: [wire-2025-11-04-break]
            """);

        Assert.Contains(
            "facts/events/2026-02-balcazar-interim.yaml:3:17: error: date_precision is 'day' but the date '2026-02' is written to the month",
            Errors(folder.Load()));
    }

    [Fact]
    public void A_role_that_ends_before_it_starts_is_an_error()
    {
        using var folder = new TempFactFolder().Write("people/jose-jeri.yaml", """
            id: jose-jeri
            name: José Jerí
            country: Peru
            roles:
              - title: President of Peru
                from: 2026-02-17
                to: 2025-10-10
                sources: [wire-2025-11-04-break]
            summary: President of Peru.
            sources: [wire-2025-11-04-break]
            """);

        Assert.Contains("facts/people/jose-jeri.yaml:7:9: error: the role ends (2025-10-10) before it starts (2026-02-17)", Errors(folder.Load()));
    }

    [Fact]
    public void The_same_role_twice_with_overlapping_dates_is_an_error()
    {
        using var folder = new TempFactFolder().Write("people/jose-jeri.yaml", """
            id: jose-jeri
            name: José Jerí
            country: Peru
            roles:
              - title: President of Peru
                from: 2025-10-10
                to: 2026-02-17
                sources: [wire-2025-11-04-break]
              - title: President of Peru
                from: 2025-12-01
                sources: [wire-2025-11-04-break]
            summary: President of Peru.
            sources: [wire-2025-11-04-break]
            """);

        Assert.Contains(
            "facts/people/jose-jeri.yaml:10:11: error: this 'President of Peru' role overlaps the same role at roles[0]: merge them or fix the dates",
            Errors(folder.Load()));
    }

    [Fact]
    public void Two_people_holding_one_office_at_once_is_a_warning()
    {
        using var folder = new TempFactFolder().Write("people/jose-maria-balcazar.yaml", """
            id: jose-maria-balcazar
            name: José María Balcázar
            country: Peru
            roles:
              - title: President of Peru
                from: 2025-12-01
                sources: [wire-2025-11-04-break]
            summary: Interim president of Peru after Jerí.
            sources: [wire-2025-11-04-break]
            """);

        var report = folder.Load();

        Assert.Empty(report.Errors);
        Assert.Contains(report.Warnings, w => w.Path == "facts/people/jose-maria-balcazar.yaml" && w.Message.Contains("also held by 'jose-jeri'", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_text_is_an_error()
    {
        using var folder = new TempFactFolder().Write("events/2022-12-07-castillo-removed.yaml", """
            id: 2022-12-07-castillo-removed
            date: 2022-12-07
            title: "  "
            summary: Congress removed Pedro Castillo.
            sources: [profile-2025-chavez]
            """);

        Assert.Contains("facts/events/2022-12-07-castillo-removed.yaml:3:8: error: 'title' is empty", Errors(folder.Load()));
    }

    [Fact]
    public void An_empty_list_item_is_an_error_where_it_stands_not_a_crash()
    {
        using var folder = new TempFactFolder();
        var sources = File.ReadAllText(System.IO.Path.Combine(folder.Path, "sources.yaml"));
        folder.Write("sources.yaml", sources + "  -\n  - ~\n")
            .Write("people/pedro-castillo.yaml", """
                id: pedro-castillo
                name: Pedro Castillo
                country: Peru
                roles:
                  -
                summary: Former president.
                sources: [profile-2025-chavez]
                """);

        var errors = Errors(folder.Load());

        Assert.Contains("facts/sources.yaml:26:4: error: empty item in 'sources': each item needs its keys", errors);
        Assert.Contains("facts/sources.yaml:27:5: error: empty item in 'sources': each item needs its keys", errors);
        Assert.Contains("facts/people/pedro-castillo.yaml:5:4: error: empty item in 'roles': each item needs its keys", errors);
    }

    [Fact]
    public void A_stray_document_end_marker_is_an_error_not_a_crash()
    {
        using var folder = new TempFactFolder().Write("people/pedro-castillo.yaml", """
            ...
            id: pedro-castillo
            """);

        Assert.Contains(
            "facts/people/pedro-castillo.yaml:1:1: error: invalid YAML: the text is not one YAML document (look for a stray '...' or '---' line)",
            Errors(folder.Load()));
    }

    [Fact]
    public void An_alias_shared_by_two_people_is_an_error()
    {
        using var folder = new TempFactFolder().Write("people/pedro-castillo.yaml", """
            id: pedro-castillo
            name: Pedro Castillo
            aliases: [Castillo, JOSE JERI]
            country: Peru
            summary: Former president.
            sources: [profile-2025-chavez]
            """);

        Assert.Contains(Errors(folder.Load()), e => e.StartsWith("facts/people/pedro-castillo.yaml:3:21: error: 'JOSE JERI' is also a name of 'jose-jeri'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_id_that_does_not_match_its_file_name_is_an_error()
    {
        using var folder = new TempFactFolder().Write("people/pedro-castillo.yaml", """
            id: pedro-castillo-terrones
            name: Pedro Castillo
            country: Peru
            summary: Former president.
            sources: [profile-2025-chavez]
            """);

        Assert.Contains("facts/people/pedro-castillo.yaml:1:5: error: id 'pedro-castillo-terrones' must match the file name 'pedro-castillo.yaml'", Errors(folder.Load()));
    }

    [Fact]
    public void Every_problem_in_every_file_is_reported_in_one_load()
    {
        using var folder = new TempFactFolder()
            .Write("people/pedro-castillo.yaml", "id: pedro-castillo\nname: Pedro Castillo\ncountry: Peru\nsummary: ''\nsources: [nope]\n")
            .Write("events/2022-12-07-castillo-removed.yaml", "id: 2022-12-07-castillo-removed\ndate: 2022-12-32\ntitle: T\nsummary: S\nsources: [profile-2025-chavez]\n");

        var errors = Errors(folder.Load());

        Assert.Contains("facts/people/pedro-castillo.yaml:4:10: error: 'summary' is empty", errors);
        Assert.Contains(errors, e => e.StartsWith("facts/people/pedro-castillo.yaml:5:11: error: unknown source id 'nope'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("facts/events/2022-12-07-castillo-removed.yaml:2:7: error: '2022-12-32' is not a valid date", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_sources_file_is_an_error()
    {
        using var folder = new TempFactFolder().Delete("sources.yaml");

        Assert.Contains(Errors(folder.Load()), e => e.StartsWith("facts/sources.yaml:1:1: error: the fact base needs a sources.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void The_version_changes_exactly_when_the_content_changes()
    {
        using var first = new TempFactFolder();
        using var second = new TempFactFolder();
        var before = first.Load().Facts!.Version;

        Assert.Equal(before, second.Load().Facts!.Version);

        second.Write("people/pedro-castillo.yaml", File.ReadAllText(Path.Combine(TestFacts.GoodFolder, "people/pedro-castillo.yaml")).Replace("Former president", "Former head of state", StringComparison.Ordinal));
        Assert.NotEqual(before, second.Load().Facts!.Version);
    }
}
