using Bot.Core.Answers;
using Bot.Core.Asking;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Querying;
using Bot.Core.Rendering;
using Bot.Core.Tests.Support;
using Bot.Core.Text;

namespace Bot.Core.Tests.Querying;

/// <summary>/ask on a chat screen: three facts at a time, each cut to what answers the question, and "More" for the rest.</summary>
public sealed class AskPagingTests
{
    private static readonly Lazy<FactBase> Real = new(() =>
    {
        var report = new FactBaseLoader(TimeProvider.System).Load(Path.Combine(TestFacts.RepositoryFolder(), "facts"), "facts");
        Assert.False(report.HasErrors, string.Join(Environment.NewLine, report.Errors));
        return report.Facts!;
    });

    private static QueryEngine Engine() => new(new FixedFactStore(Real.Value), freshness: TestFacts.Day);

    private static Answer Ask(QueryEngine engine, string question, string locale) =>
        engine.Answer(new BotRequest(CommandCatalog.Ask, new Dictionary<string, string> { ["question"] = question }, locale));

    private static List<string> Ids(Answer answer) => [.. answer.Sections.Single().Lines.Select(l => l.FactId!)];

    [Theory]
    [InlineData("why did Peru break relations with Mexico?", "en", "More ▶")]
    [InlineData("¿Por qué rompió Perú relaciones con México?", "es", "Más ▶")]
    public void Ask_shows_three_facts_and_a_More_button_that_pages_through_the_others_without_repeating_one(string question, string locale, string label)
    {
        var engine = Engine();
        var first = Ask(engine, question, locale);

        Assert.Equal(AnswerKind.Found, first.Kind);
        Assert.Equal(AskQuery.PageSize, Ids(first).Count);
        var paging = Assert.IsType<AnswerPaging>(first.Paging);
        Assert.True(paging.NextIsMore);
        Assert.Equal(label, UiText.NextLabel(paging, locale));
        Assert.Null(paging.Previous);
        Assert.InRange(paging.TotalItems, AskQuery.PageSize + 1, AskQuery.MaxFacts);

        var seen = new List<string>(Ids(first));
        var page = first;
        while (page.Paging?.Next is { } next)
        {
            page = engine.Answer(next.ToRequest(locale));
            Assert.Equal(AnswerKind.Found, page.Kind);
            Assert.InRange(Ids(page).Count, 1, AskQuery.PageSize);
            seen.AddRange(Ids(page));
        }

        Assert.Equal(paging.TotalItems, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());

        // Back from page 2 is the first page again: the button asks the very question typed, not a shortened one.
        var second = engine.Answer(paging.Next!.ToRequest(locale));
        Assert.Equal(Ids(first), Ids(engine.Answer(second.Paging!.Previous!.ToRequest(locale))));
    }

    [Fact]
    public void A_question_too_long_to_travel_in_a_button_gets_three_facts_and_no_More_button()
    {
        const string Question = "why did the government of Peru break off its diplomatic relations with Mexico in November of 2025?";
        Assert.False(PageToken.CarriesQuestion(Question));

        var answer = Ask(Engine(), Question, "en");

        Assert.Equal(AnswerKind.Found, answer.Kind);
        Assert.InRange(Ids(answer).Count, 1, AskQuery.PageSize);
        Assert.Null(answer.Paging);
    }

    [Fact]
    public void A_page_past_the_last_says_how_many_pages_there_are()
    {
        var answer = Engine().Answer("/ask why did Peru break relations with Mexico? page:9");

        Assert.Equal(AnswerKind.UsageError, answer.Kind);
        Assert.Matches("There is no page 9: the list has [2-4] page", answer.Body);
    }

    [Fact]
    public void An_event_is_cut_to_its_title_and_the_one_sentence_of_its_summary_that_answers()
    {
        var engine = Engine();
        var page = Ask(engine, "why did Peru break relations with Mexico?", "en");
        var lines = new List<AnswerLine>(page.Sections.Single().Lines);
        while (page.Paging?.Next is { } next)
        {
            page = engine.Answer(next.ToRequest());
            lines.AddRange(page.Sections.Single().Lines);
        }

        var events = lines.Where(l => Real.Value.TryGetEvent(l.FactId!, out _)).ToList();
        Assert.NotEmpty(events);
        foreach (var line in events)
        {
            Assert.True(Real.Value.TryGetEvent(line.FactId!, out var e));
            var sentence = line.Text[(e.Title.Length + 2)..].TrimEnd('…');
            Assert.StartsWith(e.Title + ": ", line.Text, StringComparison.Ordinal);
            Assert.Contains(TextSnippets.Sentences(e.Summary), s => s.StartsWith(sentence, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_sentence_that_says_most_of_the_question_is_chosen_the_lead_when_none_says_more_and_a_long_one_is_cut_between_words()
    {
        const string Summary = "Peru broke diplomatic relations with Mexico on 3 November. Days later the ambassador was declared persona non grata by Congress. Talks stalled.";
        string[][] ambassador = [[AskDocument.Stem("ambassador")], [AskDocument.Stem("congress")]];
        string[][] unrelated = [[AskDocument.Stem("football")]];

        Assert.Equal("Days later the ambassador was declared persona non grata by Congress.", AskQuery.Answering(Summary, ambassador, 280));
        Assert.Equal("Peru broke diplomatic relations with Mexico on 3 November.", AskQuery.Answering(Summary, unrelated, 280));
        Assert.Equal("Days later the ambassador was declared…", AskQuery.Answering(Summary, ambassador, 45));
        Assert.Equal(["Peru broke diplomatic relations with Mexico on 3 November.", "Days later the ambassador was declared persona non grata by Congress.", "Talks stalled."], TextSnippets.Sentences(Summary));
    }

    [Fact]
    public void A_spanish_sentence_is_chosen_for_a_question_word_whose_stem_changes_its_spelling_and_accents_do_not_matter()
    {
        const string Summary = "El Congreso sesionó el martes. Las acciones del Gobierno y la Nación fueron criticadas. No hubo votación.";
        string[][] accion = [[AskDocument.Stem("accion")]];
        string[][] naciones = [[AskDocument.Stem("naciones")]];

        Assert.Equal("Las acciones del Gobierno y la Nación fueron criticadas.", AskQuery.Answering(Summary, accion, 280));
        Assert.Equal("Las acciones del Gobierno y la Nación fueron criticadas.", AskQuery.Answering(Summary, naciones, 280));
    }
}
