using System.Runtime.CompilerServices;
using Bot.Core.Facts;
using Bot.Core.Loading;

namespace Bot.Discord.Tests.Support;

internal static class TestFacts
{
    public const string HostileText = "Greets @everyone and @here, pings <@123> and <@&456>, **bolds** and links [click](https://evil.example/x).";

    private static readonly Lazy<FactBase> RealBase = new(LoadReal);

    /// <summary>The repository's real fact base.</summary>
    public static FactBase Real => RealBase.Value;

    /// <summary>
    /// A tiny base: two people (one with hostile text), twelve events (two timeline pages), two sources; /ask reads
    /// questions with the real base's vocabulary (facts/vocabulary.yaml).
    /// </summary>
    public static FactBase Small()
    {
        Source[] sources =
        [
            new("src-one", "Outlet One", "First article (with parentheses)", new Uri("https://news.example/one_(a)"), PartialDate.Parse("2025-11-03"), "en"),
            new("src-two", "Outlet Two", "Second article", new Uri("https://news.example/two"), PartialDate.Parse("2025-11-04"), "es"),
        ];
        Topic[] topics = [new("asylum", "Asylum", ["asilo"], "Asylum requests.")];
        Person[] people =
        [
            new("ana-prueba", PersonKind.Person, "Ana Prueba", "Ana María Prueba", ["Anita"], "Peru",
                [new Role("Minister of Tests", PartialDate.Parse("2022-11-26"), PartialDate.Parse("2022-12-07"), ["src-one"])],
                HostileText, null, ["src-one", "src-two"], new DateOnly(2025, 11, 22), "people/ana-prueba.yaml"),
            new("bruno-ejemplo", PersonKind.Person, "Bruno Ejemplo", null, [], "Mexico", [], "A second person.", null, ["src-two"], null, "people/bruno-ejemplo.yaml"),
        ];
        var events = Enumerable.Range(1, 12).Select(day => new TimelineEvent(
            $"2025-11-{day:00}-event", PartialDate.Parse($"2025-11-{day:00}"), [], $"Event number {day}", $"Something happened on day {day}. More detail.",
            ["ana-prueba"], ["asylum"], [], ["src-one"], null, $"events/2025-11-{day:00}-event.yaml")).ToList();
        Quote[] quotes = [new("ana-1", "ana-prueba", PartialDate.Parse("2025-11-05"), "We stand by <@123> and @everyone.", "en", false, "At a press conference.", ["asylum"], ["src-two"], null, "quotes/ana-prueba.yaml")];
        return new FactBase(sources, topics, people, events, quotes, [], "test", DateTimeOffset.UnixEpoch) { Vocabulary = Real.Vocabulary };
    }

    /// <summary>The folder holding Bot.sln: above the test binaries, or (with a separate artifacts path) above this source file.</summary>
    public static string RepositoryRoot([CallerFilePath] string sourceFile = "")
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

        throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }

    private static FactBase LoadReal()
    {
        var report = new FactBaseLoader(TimeProvider.System).Load(Path.Combine(RepositoryRoot(), "facts"));
        return report.Facts ?? throw new InvalidOperationException(
            "The real fact base has errors: " + string.Join("; ", report.Errors.Select(e => e.ToString())));
    }
}
