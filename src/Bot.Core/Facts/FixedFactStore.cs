namespace Bot.Core.Facts;

/// <summary>A store that always serves one snapshot (the command line, tests, benchmarks).</summary>
public sealed class FixedFactStore(FactBase facts) : IFactStore
{
    public FactBase Current { get; } = facts;
}
