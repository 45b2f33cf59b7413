using BenchmarkDotNet.Attributes;
using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Querying;

namespace Bot.Bench;

/// <summary>Name resolution and every query, on the real fact base (Scale = 1) and on one 100 times larger.</summary>
[MemoryDiagnoser]
public class QueryBenchmarks
{
    private QueryEngine _engine = null!;
    private FactBase _facts = null!;
    private BotRequest _who = null!;
    private BotRequest _quote = null!;
    private BotRequest _timelineFiltered = null!;
    private int _timelinePages;

    [Params(1, 100)]
    public int Scale { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var real = new FactBaseLoader(TimeProvider.System).Load(Paths.Facts).Facts
            ?? throw new InvalidOperationException("The real fact base has errors: run bot facts validate.");
        _facts = Scale == 1 ? real : ScaledFactBase.Create(real, Scale);
        _engine = new QueryEngine(new FixedFactStore(_facts)) { CachesAnswers = false }; // the work of answering, not a cache hit
        _who = TextCommandParser.Parse("/who betssy chavez").Request!;
        _quote = TextCommandParser.Parse("/quote sheinbaum embajada").Request!;
        _timelineFiltered = TextCommandParser.Parse("/timeline from:2025-11-01 to:2025-11-30 topic:asylum").Request!;
        _timelinePages = _engine.Answer(TextCommandParser.Parse("/timeline").Request!).Paging!.PageCount;
    }

    [Benchmark]
    public object ResolveExactName() => _facts.PeopleIndex.Resolve("Betsy Chávez");

    [Benchmark]
    public object ResolveSurname() => _facts.PeopleIndex.Resolve("jeri");

    [Benchmark]
    public object ResolveTypo() => _facts.PeopleIndex.Resolve("Shienbaum");

    [Benchmark]
    public Answer Who() => _engine.Answer(_who);

    [Benchmark]
    public Answer QuoteWithKeyword() => _engine.Answer(_quote);

    /// <summary>Every page of the unfiltered timeline, one after the other, as a reader paging through it.</summary>
    [Benchmark]
    public int TimelineAllPages()
    {
        var lines = 0;
        for (var page = 1; page <= Math.Min(_timelinePages, 20); page++)
        {
            var request = new BotRequest(CommandCatalog.Timeline, new Dictionary<string, string> { ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            lines += _engine.Answer(request).Sections[0].Lines.Count;
        }

        return lines;
    }

    [Benchmark]
    public Answer TimelineFiltered() => _engine.Answer(_timelineFiltered);

    /// <summary>The same, parsing the text form first (what Slack and the command line pay).</summary>
    [Benchmark]
    public Answer TimelineFilteredFromText() => _engine.Answer("/timeline from:2025-11-01 to:2025-11-30 topic:asylum");
}
