using System.Runtime.CompilerServices;
using Bot.Core.Asking;
using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Asking;

/// <summary>
/// After a reload, the /ask index takes the documents of unchanged facts from the index it replaces. It must still be
/// exactly the index a fresh load would build: a renamed person or a changed topic shows in every fact that names them.
/// </summary>
public sealed class AskIndexReuseTests : IDisposable
{
    private const string Castillo = "people/pedro-castillo.yaml";

    private readonly TempFactFolder _folder = new();
    private readonly FactBaseLoader _loader = new(TimeProvider.System);
    private readonly FactFileCache _cache = new();

    public void Dispose() => _folder.Dispose();

    private FactBase Reload()
    {
        var report = _loader.Load(_folder.Path, "facts", _cache);
        Assert.False(report.HasErrors, string.Join('\n', report.Errors));
        report.Facts!.PrepareSearch();
        return report.Facts;
    }

    private FactBase Fresh()
    {
        var facts = _folder.Load().Facts!;
        facts.PrepareSearch();
        return facts;
    }

    private void Edit(string relativePath, string from, string to)
    {
        var text = File.ReadAllText(Path.Combine(_folder.Path, relativePath));
        Assert.Contains(from, text, StringComparison.Ordinal);
        _folder.Write(relativePath, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static string Describe(AskDocument d) =>
        $"{d.Key} {d.Kind} {d.FactId} {d.Date} | {d.Title} | {d.Body} | {d.Names} | {string.Join(',', d.People)} | "
        + $"{string.Join(',', d.Stems.Order(StringComparer.Ordinal))} | {string.Join(',', d.TitleStems.Order(StringComparer.Ordinal))} | "
        + $"{string.Join(',', d.Counted.Order(StringComparer.Ordinal))} | {d.IsOrganization} {d.Person?.Id}";

    /// <summary>Document for document, and search for search (every document's title words as a query).</summary>
    private static void AssertSameIndex(FactBase expected, FactBase actual)
    {
        Assert.Equal(expected.AskIndex.Documents.Select(Describe), actual.AskIndex.Documents.Select(Describe));
        foreach (var document in expected.AskIndex.Documents)
        {
            Assert.Equal(
                expected.AskIndex.Search(document.TitleStems).Select(r => $"{r.Document.FactId} {r.Score:F9}"),
                actual.AskIndex.Search(document.TitleStems).Select(r => $"{r.Document.FactId} {r.Score:F9}"));
        }
    }

    /// <summary>How many documents the new index took from the old one (they share their stem sets).</summary>
    private static int Reused(FactBase before, FactBase after) =>
        after.AskIndex.Documents.Count(d => before.AskIndex.Documents.Any(old => ReferenceEquals(old.Stems, d.Stems)));

    [Fact]
    public void Renaming_a_person_remakes_every_document_that_names_them_and_reuses_the_others()
    {
        var before = Reload();
        Edit(Castillo, "name: Pedro Castillo", "name: Pedro Castillo Terrones");

        var after = Reload();

        var fresh = Fresh();
        AssertSameIndex(fresh, after);
        Assert.Contains(after.AskIndex.Documents, d => d.FactId == "2022-12-07-castillo-removed" && d.Names.Contains("Terrones", StringComparison.Ordinal));
        var reused = Reused(before, after);
        Assert.InRange(reused, 1, after.AskIndex.Count - 2); // at least Castillo and the event naming him were made anew
    }

    [Fact]
    public void Changing_a_topic_remakes_the_facts_on_it()
    {
        var before = Reload();
        Edit("topics.yaml", "aliases: [asilo]", "aliases: [asilo, refugio]");

        var after = Reload();

        AssertSameIndex(Fresh(), after);
        Assert.True(Reused(before, after) > 0);
        Assert.All(after.AskIndex.Documents.Where(d => d.Names.Contains("asilo", StringComparison.Ordinal)), d => Assert.Contains("refugio", d.Names, StringComparison.Ordinal));
    }

    [Fact]
    public void Adding_and_removing_facts_moves_the_others_and_they_are_still_found()
    {
        Reload();
        _folder.Write("events/2022-01-01-an-early-event.yaml", """
            id: 2022-01-01-an-early-event
            date: 2022-01-01
            title: An early event
            summary: Something happened before the rest.
            people: [pedro-castillo]
            topics: [asylum]
            sources: [profile-2025-chavez]
            """);
        _folder.Delete("events/2025-11-24-sheinbaum-warns.yaml");

        var after = Reload();

        AssertSameIndex(Fresh(), after);
    }

    [Fact]
    public void Checking_the_facts_between_two_reloads_does_not_cost_the_next_reload_its_reuse()
    {
        var before = Reload();
        Edit(Castillo, "Former president of Peru.", "Former president of Peru (edited).");
        Assert.False(_loader.Check(_folder.Path, "facts", _cache).HasErrors); // what /facts check does

        var after = Reload();

        Assert.True(Reused(before, after) > 0);
        AssertSameIndex(Fresh(), after);
    }

    /// <summary>Loads in a frame of its own, so that no local of the test keeps the snapshot alive.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference LoadOutOfSight() => new(Reload());

    [Fact]
    public void A_snapshot_lets_go_of_the_one_it_replaced_once_its_index_is_built()
    {
        var first = LoadOutOfSight();
        Edit(Castillo, "Former president of Peru.", "Former president of Peru (edited).");
        var second = Reload();
        Edit(Castillo, "(edited)", "(edited twice)");
        var third = Reload();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(first.IsAlive);
        GC.KeepAlive(second);
        GC.KeepAlive(third);
    }
}
