using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Querying;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Querying;

public sealed class PositionsAndAskTests
{
    private static Answer Ask(string question, string locale = "en") =>
        TestFacts.Engine().Answer(new BotRequest(CommandCatalog.Ask, new Dictionary<string, string> { ["question"] = question }, locale));

    [Fact]
    public void Positions_show_each_side_attributed_with_its_verbatim_quote_and_sources()
    {
        var answer = TestFacts.Engine().Answer("/positions asilo");

        Assert.Equal(AnswerKind.Found, answer.Kind);
        Assert.Equal("The asylum granted to Betssy Chávez", answer.Title);
        Assert.Equal(["Mexico", "Peru"], answer.Sections.Select(s => s.Heading));
        var mexico = answer.Sections[0].Lines.Single();
        Assert.Equal("5 November 2025 · Government of Mexico (Claudia Sheinbaum)", mexico.Label);
        Assert.Equal("“Asylum is a right.”", mexico.Detail);
        Assert.All(answer.Sections.SelectMany(s => s.Lines), l => Assert.NotEmpty(l.Citations));
    }

    [Fact]
    public void Positions_without_a_topic_list_the_questions_and_an_unknown_one_suggests_them()
    {
        var engine = TestFacts.Engine();

        Assert.Contains(engine.Answer("/positions").Suggestions, s => s.Command == "/positions asylum");
        var unknown = engine.Answer("/positions tariffs");
        Assert.Equal(AnswerKind.NotFound, unknown.Kind);
        Assert.Contains(unknown.Suggestions, s => s.Command == "/positions asylum");
    }

    [Fact]
    public void A_position_with_an_unknown_side_or_quote_is_reported_with_its_location()
    {
        using var folder = new TempFactFolder().Write("positions/asylum.yaml", """
            id: asylum
            topic: asylum
            title: The asylum
            stances:
              - side: brazil
                party: Government of Brazil
                date: 2025-11-05
                statement: Something.
                quotes: [no-such-quote]
                sources: [daily-2025-11-24-embassy]
            """);

        var errors = folder.Load().Errors.Select(e => e.ToString()).ToList();

        Assert.Contains("facts/positions/asylum.yaml:5:11: error: side must be 'mexico', 'peru' or 'third-party', not 'brazil'", errors);
        Assert.Contains(errors, e => e.StartsWith("facts/positions/asylum.yaml:9:14: error: unknown quote id 'no-such-quote'", StringComparison.Ordinal));
    }

    [Fact]
    public void Ask_answers_with_the_fact_in_its_own_words_and_its_sources()
    {
        var answer = Ask("why did Peru break relations with Mexico?");

        Assert.Equal(AnswerKind.Found, answer.Kind);
        var best = answer.Sections.Single().Lines[0];
        Assert.Equal("2025-11-03-peru-breaks-relations", best.FactId);
        Assert.Equal("3 November 2025", best.Label);
        Assert.StartsWith("Peru breaks relations with Mexico: Peru broke diplomatic relations", best.Text, StringComparison.Ordinal);
        Assert.NotEmpty(best.Citations);
        Assert.Contains(answer.Suggestions, s => s.Command == "/positions asylum"); // a "why" question: the sides' positions on its topic
    }

    [Fact]
    public void Ask_understands_spanish_names_and_synonyms()
    {
        var answer = Ask("¿qué dijo Sheinbaum sobre el asilo?", "es");

        Assert.Equal(AnswerKind.Found, answer.Kind);
        Assert.Contains(answer.Sections.Single().Lines, l => l.FactId is "sheinbaum-2025-11-05-asylum" or "asylum");
    }

    [Fact]
    public void Ask_uses_month_names_to_narrow_by_date()
    {
        var answer = Ask("what happened with the embassy in November 2025");

        Assert.Equal(AnswerKind.Found, answer.Kind);
        Assert.All(answer.Sections.Single().Lines.Where(l => l.FactId!.StartsWith("2025-", StringComparison.Ordinal)), l => Assert.StartsWith("2025-11", l.FactId, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("What is the exchange rate of the Peruvian sol?", "I'm not sure")]
    [InlineData("¿Cuál es la capital de Bolivia?", "No estoy seguro")]
    public void Ask_says_it_is_not_sure_when_no_fact_answers_in_the_language_of_the_question(string question, string title)
    {
        var answer = Ask(question);

        Assert.Equal(AnswerKind.NotFound, answer.Kind);
        Assert.True(answer.IsPrivate);
        Assert.Equal(title, answer.Title);
        Assert.Contains(answer.Suggestions, s => s.Command == "/report");
    }

    [Fact]
    public void Ask_finds_a_spanish_question_in_the_spanish_texts_and_answers_in_spanish_whatever_the_locale()
    {
        var answer = Ask("¿cuándo rompió el Perú relaciones con México?");

        Assert.Equal(AnswerKind.Found, answer.Kind);
        Assert.Equal("es", answer.Language);
        var best = answer.Sections.Single().Lines[0];
        Assert.Equal("2025-11-03-peru-breaks-relations", best.FactId);
        Assert.StartsWith("Perú rompe relaciones con México", best.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_shows_the_claims_sources_disagree_on_with_their_sources()
    {
        var answer = Ask("what did Sheinbaum warn about entering the embassy?");

        var line = answer.Sections.Single().Lines.Single(l => l.FactId == "2025-11-24-sheinbaum-warns");
        Assert.Contains("63 to 34", line.Detail, StringComparison.Ordinal);
        Assert.Contains("63 to 33", line.Detail, StringComparison.Ordinal);
        Assert.True(line.Citations.Count >= 3, "the event's source and each variant's source are cited");
    }

    [Theory]
    [InlineData("who holds the top job nowadays", "en")]
    [InlineData("¿quién ocupa el sillón de pizarro?", "es")]
    public void Ask_finds_a_fact_through_its_example_questions_and_never_shows_them(string question, string language)
    {
        const string Event = """
            id: 2026-02-balcazar-interim
            date: 2026-02
            date_precision: month
            title: Balcázar becomes interim president
            title_es: Balcázar asume la presidencia interina
            summary: José María Balcázar became interim president.
            summary_es: José María Balcázar asumió la presidencia interina.
            people: [jose-maria-balcazar]
            sources: [wire-2025-11-04-break]
            """;
        using var without = new TempFactFolder().Write("events/2026-02-balcazar-interim.yaml", Event);
        using var with = new TempFactFolder().Write("events/2026-02-balcazar-interim.yaml", Event + """

            asks: [who holds the top job nowadays]
            asks_es: ["¿quién ocupa el sillón de pizarro?"]
            """);

        var before = AskIn(without, question);
        var after = AskIn(with, question);

        Assert.False(before.Kind == AnswerKind.Found && before.Sections.Single().Lines[0].FactId == "2026-02-balcazar-interim", "found without its example questions");
        Assert.Equal(AnswerKind.Found, after.Kind);
        Assert.Equal(language, after.Language);
        Assert.Equal("2026-02-balcazar-interim", after.Sections.Single().Lines[0].FactId);
        Assert.DoesNotContain(after.Sections.SelectMany(s => s.Lines), l => l.Text.Contains("top job", StringComparison.Ordinal) || l.Text.Contains("sillón", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("would the gendarmerie barge through the gate", "en")]
    [InlineData("¿forzará la gendarmería la verja?", "es")]
    public void Ask_finds_a_quote_through_its_example_questions_and_never_shows_them(string question, string language)
    {
        const string Quotes = """
            speaker: jose-jeri
            quotes:
              - id: jeri-2025-11-test-embassy
                date: 2025-11-23
                text: "No vamos a entrar."
                language: es
                translated: false
                context: Jerí on whether Peru would enter Mexico's embassy.
                context_es: Jerí sobre si el Perú entraría en la embajada de México.
                sources: [wire-2025-11-04-break]
            """;
        using var without = new TempFactFolder().Write("quotes/jose-jeri.yaml", Quotes);
        using var with = new TempFactFolder().Write("quotes/jose-jeri.yaml", Quotes + """

                asks: [would the gendarmerie barge through the gate]
                asks_es: ["¿forzará la gendarmería la verja?"]
            """);

        var before = AskIn(without, question);
        var after = AskIn(with, question);

        Assert.False(before.Kind == AnswerKind.Found && before.Sections.Single().Lines[0].FactId == "jeri-2025-11-test-embassy", "found without its example questions");
        Assert.Equal(AnswerKind.Found, after.Kind);
        Assert.Equal(language, after.Language);
        Assert.Equal("jeri-2025-11-test-embassy", after.Sections.Single().Lines[0].FactId);
        Assert.DoesNotContain(after.Sections.SelectMany(s => s.Lines), l => l.Text.Contains("gendarm", StringComparison.Ordinal) || l.Text.Contains("verja", StringComparison.Ordinal));
    }

    /// <summary>/ask in the fact folder as it loads, from an English-locale asker.</summary>
    private static Answer AskIn(TempFactFolder folder, string question)
    {
        var report = folder.Load();
        Assert.False(report.HasErrors, string.Join(Environment.NewLine, report.Errors));
        var engine = new QueryEngine(new FixedFactStore(report.Facts!), freshness: TestFacts.Day);
        return engine.Answer(new BotRequest(CommandCatalog.Ask, new Dictionary<string, string> { ["question"] = question }, "en"));
    }

    [Fact]
    public void Ask_handles_hostile_and_empty_input_without_failing()
    {
        var engine = TestFacts.Engine();

        Assert.Equal(AnswerKind.UsageError, engine.Answer("/ask").Kind);
        Assert.Equal(AnswerKind.NotFound, Ask("\" OR * NEAR( docs MATCH '' -- ; DROP TABLE docs;").Kind);
        Assert.NotNull(Ask(new string('x', 300)));
    }
}
