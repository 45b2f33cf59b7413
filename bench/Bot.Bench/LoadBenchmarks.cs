using BenchmarkDotNet.Attributes;
using Bot.Core.Loading;

namespace Bot.Bench;

/// <summary>Reading, parsing and validating the real facts/ folder, and building the snapshot's indexes.</summary>
[MemoryDiagnoser]
public class LoadBenchmarks
{
    private readonly FactBaseLoader _loader = new(TimeProvider.System);

    [Benchmark]
    public int LoadAndValidateRealBase() => _loader.Load(Paths.Facts).Facts!.Events.Count;
}
