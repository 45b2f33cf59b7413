using BenchmarkDotNet.Attributes;
using Bot.Core.Answers;
using Bot.Core.Asking;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Querying;

namespace Bot.Bench;

/// <summary>/ask and /positions on the real fact base and on one 100 times larger, and building the /ask index.</summary>
[MemoryDiagnoser]
public class AskBenchmarks
{
    private static readonly string[] Questions =
    [
        "why did Peru break relations with Mexico?",
        "¿quién es el canciller del Perú?",
        "what happened to Castillo's family in December 2022",
        "what did Petro threaten to do",
        "what is the population of Lima?",
    ];

    private QueryEngine _engine = null!;
    private FactBase _real = null!;
    private FactBase _engineFacts = null!;
    private int _next;

    [Params(1, 100)]
    public int Scale { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _real = new FactBaseLoader(TimeProvider.System).Load(Paths.Facts).Facts
            ?? throw new InvalidOperationException("The real fact base has errors: run bot facts validate.");
        var facts = Scale == 1 ? _real : ScaledFactBase.Create(_real, Scale);
        AskSearch.Prepare(facts);
        _engineFacts = facts;
        _engine = new QueryEngine(new FixedFactStore(facts)) { CachesAnswers = false }; // the work of answering, not a cache hit
    }

    /// <summary>One question per call, cycling through a mix of English, Spanish and unanswerable questions.</summary>
    [Benchmark]
    public Answer Ask()
    {
        var question = Questions[_next++ % Questions.Length];
        return _engine.Answer(new BotRequest(CommandCatalog.Ask, new Dictionary<string, string> { ["question"] = question }));
    }

    [Benchmark]
    public Answer Positions() => _engine.Answer("/positions asylum");

    /// <summary>Building the /ask index of the base (what a load or reload pays once).</summary>
    [Benchmark]
    public int BuildAskIndex() => new AskIndex(_engineFacts).Count;
}
