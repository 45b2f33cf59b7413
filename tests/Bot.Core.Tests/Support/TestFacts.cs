using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Querying;

namespace Bot.Core.Tests.Support;

internal static class TestFacts
{
    public static string GoodFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "good");

    private static readonly Lazy<FactBase> GoodBase = new(() =>
    {
        var report = new FactBaseLoader(TimeProvider.System).Load(GoodFolder, "good");
        Assert.False(report.HasErrors, string.Join(Environment.NewLine, report.Errors));
        return report.Facts!;
    });

    public static FactBase Good => GoodBase.Value;

    public static QueryEngine Engine() => new(new FixedFactStore(Good));
}
