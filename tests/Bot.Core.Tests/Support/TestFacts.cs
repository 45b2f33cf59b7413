using System.Runtime.CompilerServices;
using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Querying;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Core.Tests.Support;

internal static class TestFacts
{
    public static string GoodFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "good");

    /// <summary>The repository's root: found above the test binaries, or (with a separate artifacts path) above this source file.</summary>
    public static string RepositoryFolder([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("repository root not found");
    }

    private static readonly Lazy<FactBase> GoodBase = new(() =>
    {
        var report = new FactBaseLoader(TimeProvider.System).Load(GoodFolder, "good");
        Assert.False(report.HasErrors, string.Join(Environment.NewLine, report.Errors));
        return report.Facts!;
    });

    public static FactBase Good => GoodBase.Value;

    /// <summary>
    /// A fixed day for answers that date present-tense claims ("as of", scheduled ends), so no test changes its
    /// outcome with the calendar.
    /// </summary>
    public static Freshness Day { get; } = new(new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)), TimeSpan.FromDays(Freshness.DefaultStaleAfterDays));

    public static QueryEngine Engine() => new(new FixedFactStore(Good), freshness: Day);
}
