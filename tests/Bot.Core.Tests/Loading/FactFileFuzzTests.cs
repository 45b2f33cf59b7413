using System.Text;
using Bot.Core.Loading;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Loading;

/// <summary>
/// Whatever a moderator saves, the loader answers with diagnostics, never an exception: an exception during a reload
/// would leave the running bot without a report of what is wrong. Seeded, so a failure repeats.
/// </summary>
public sealed class FactFileFuzzTests
{
    private static readonly string[] Tricky =
    [
        "-", "  -", "  - ~", "---", "...", "\t", "key: [unclosed", "key: {a: 1", "? complex", ": lonely", "&anchor",
        "*alias", "!!binary x", "!custom x", "date: 2025-02-30", "date: 99999-01-01", "translated: maybe",
        "translated: [true]", "sources: {}", "sources: 7", "roles: text", "status: [a]", "quotes: ~", "stances:",
        "  - side: neither", "date_precision: weekly", "reviewed: soon", "text: \"\\x00\"", "id: ''", "aliases: [~, ~]",
        "people: [~]", "variants: [~]", "date_variants: [{}]", "%YAML 1.2", "# comment", "", "\r", "\u2028",
    ];

    private static List<string> Files() =>
    [
        .. Directory.EnumerateFiles(TestFacts.GoodFolder, "*.yaml", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(TestFacts.GoodFolder, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal),
    ];

    public static TheoryData<string> FixtureFiles() => [.. Files()];

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Any_edit_of_a_fact_file_gives_located_diagnostics_and_never_an_exception(string relativePath)
    {
        var original = File.ReadAllText(Path.Combine(TestFacts.GoodFolder, relativePath)).ReplaceLineEndings("\n");
        var random = new Random(20251103 + relativePath.Length);
        var text = original;
        for (var round = 0; round < 300; round++)
        {
            var (edited, edit) = round % 30 == 0 ? (original, "back to the original") : TextEdits.Apply(text, random, Tricky);
            text = edited;

            FileFacts facts;
            try
            {
                facts = FactBaseLoader.Parse(relativePath, "facts/" + relativePath, Encoding.UTF8.GetBytes(text));
            }
            catch (Exception ex)
            {
                Assert.Fail($"round {round}, after {edit}: {ex.GetType().Name}: {ex.Message}\n{text}");
                throw;
            }

            Assert.All(facts.Issues, issue =>
            {
                Assert.Equal("facts/" + relativePath, issue.Path);
                Assert.True(issue.Line >= 1 && issue.Column >= 1, $"round {round}, after {edit}: {issue}");
                Assert.False(string.IsNullOrWhiteSpace(issue.Message));
            });
        }
    }

    [Fact]
    public void Reloading_a_folder_after_random_edits_never_throws_and_a_good_base_always_comes_back()
    {
        using var folder = new TempFactFolder();
        var loader = new FactBaseLoader(TimeProvider.System);
        var files = Files();
        var originals = files.ToDictionary(f => f, f => File.ReadAllText(Path.Combine(folder.Path, f)));
        var random = new Random(20221207);
        for (var round = 0; round < 60; round++)
        {
            var file = files[random.Next(files.Count)];
            var (edited, edit) = TextEdits.Apply(File.ReadAllText(Path.Combine(folder.Path, file)), random, Tricky);
            folder.Write(file, edited);

            var report = loader.Load(folder.Path, "facts");

            Assert.True(report.Facts is not null || report.HasErrors, $"round {round}, {file} after {edit}: no facts and no error");
            if (round % 10 == 9)
            {
                foreach (var (path, text) in originals)
                {
                    folder.Write(path, text);
                }

                Assert.False(loader.Load(folder.Path, "facts").HasErrors, $"round {round}: the restored folder did not load");
            }
        }
    }
}
