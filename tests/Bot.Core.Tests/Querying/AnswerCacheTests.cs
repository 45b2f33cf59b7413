using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Querying;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Querying;

/// <summary>Repeated questions reuse their answer; a new fact-base snapshot never serves an old answer.</summary>
public sealed class AnswerCacheTests
{
    [Fact]
    public void The_same_question_twice_gets_the_same_answer_instance()
    {
        var engine = TestFacts.Engine();

        var first = engine.Answer("/who betssy chavez");
        var second = engine.Answer("/who betssy chavez");
        var spanish = engine.Answer("/who betssy chavez", "es-ES");

        Assert.Same(first, second);
        Assert.NotSame(first, spanish); // the language is part of the question
        Assert.Equal("es", spanish.Language);
    }

    [Fact]
    public void After_a_reload_the_answer_comes_from_the_new_facts()
    {
        using var folder = new TempFactFolder();
        var loader = new FactBaseLoader(TimeProvider.System);
        var store = new SwappableStore(Load(loader, folder));
        var engine = new QueryEngine(store);
        var before = engine.Answer("/who betssy chavez");

        var text = File.ReadAllText(Path.Combine(folder.Path, "people", "betssy-chavez.yaml"));
        folder.Write("people/betssy-chavez.yaml", text.Replace("summary: >-\n", "summary: >-\n  Edited in the test.\n", StringComparison.Ordinal));
        store.Current = Load(loader, folder);
        var after = engine.Answer("/who betssy chavez");

        Assert.DoesNotContain("Edited in the test.", before.Body ?? "", StringComparison.Ordinal);
        Assert.StartsWith("Edited in the test.", after.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cache_stops_keeping_answers_once_full_and_keeps_what_it_has()
    {
        var engine = TestFacts.Engine();
        var first = engine.Answer("/who nobody-0");
        for (var i = 1; i < AnswerCache.Capacity + 10; i++)
        {
            engine.Answer($"/who nobody-{i}");
        }

        Assert.Same(first, engine.Answer("/who nobody-0"));
        Assert.NotSame(engine.Answer("/who someone-new"), engine.Answer("/who someone-new"));
    }

    [Fact]
    public void Moderator_answers_are_never_cached()
    {
        var engine = new QueryEngine(new FixedFactStore(TestFacts.Good));
        var request = new Bot.Core.Commands.BotRequest("facts", new Dictionary<string, string> { ["action"] = "status" }) { IsModerator = true };

        Assert.NotSame(engine.Answer(request), engine.Answer(request));
    }

    private static FactBase Load(FactBaseLoader loader, TempFactFolder folder) =>
        loader.Load(folder.Path).Facts ?? throw new InvalidOperationException("the test folder does not load");

    private sealed class SwappableStore(FactBase facts) : IFactStore
    {
        public FactBase Current { get; set; } = facts;
    }
}
