using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Querying;

namespace Bot.App.Tests.Support;

internal static class RealFacts
{
    private static readonly Lazy<FactLoadReport> LazyReport = new(() => new FactBaseLoader(TimeProvider.System).Load(Repo.Facts, "facts"));

    public static FactLoadReport Report => LazyReport.Value;

    public static FactBase Base => Report.Facts ?? throw new InvalidOperationException(string.Join(Environment.NewLine, Report.Errors));

    public static QueryEngine Engine() => new(new FixedFactStore(Base));
}
