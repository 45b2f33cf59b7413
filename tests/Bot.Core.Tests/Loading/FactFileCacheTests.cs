using Bot.Core.Loading;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Loading;

/// <summary>
/// A reload with a <see cref="FactFileCache"/> reads and parses only the files that changed, and always gives the
/// same result as loading the folder from scratch: every change is picked up, and every whole-base check runs again.
/// </summary>
public sealed class FactFileCacheTests : IDisposable
{
    private const string Castillo = "people/pedro-castillo.yaml";
    private const string Removed = "events/2022-12-07-castillo-removed.yaml";

    private readonly TempFactFolder _folder = new();
    private readonly FactBaseLoader _loader = new(TimeProvider.System);
    private readonly FactFileCache _cache = new();

    public void Dispose() => _folder.Dispose();

    private FactLoadReport Cached() => _loader.Load(_folder.Path, "facts", _cache);

    /// <summary>Loads with the cache and checks the result equals a load from scratch, issue for issue.</summary>
    private FactLoadReport CachedMatchingAFreshLoad()
    {
        var cached = Cached();
        var fresh = _folder.Load();
        Assert.Equal(fresh.Issues.Select(i => i.ToString()), cached.Issues.Select(i => i.ToString()));
        Assert.Equal(fresh.Facts?.Version, cached.Facts?.Version);
        return cached;
    }

    private string Read(string relativePath) => File.ReadAllText(Path.Combine(_folder.Path, relativePath));

    /// <summary>Dates every file an hour back, so the loader trusts sizes and write times (see the next test).</summary>
    private void AgeEveryFile()
    {
        foreach (var file in Directory.EnumerateFiles(_folder.Path, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));
        }
    }

    [Fact]
    public void A_reload_reads_no_file_that_is_unchanged_and_parses_only_the_changed_one()
    {
        AgeEveryFile();
        Assert.False(Cached().HasErrors);

        Assert.False(Cached().HasErrors);
        Assert.Equal((0, 0), _cache.LastLoad);

        _folder.Write(Castillo, Read(Castillo).Replace("Former president", "Former head of state", StringComparison.Ordinal));
        var report = CachedMatchingAFreshLoad();

        Assert.Equal((1, 1), _cache.LastLoad);
        Assert.True(report.Facts!.TryGetPerson("pedro-castillo", out var castillo));
        Assert.Equal("Former head of state of Peru.", castillo.Summary);
    }

    [Fact]
    public void A_changed_an_added_a_removed_and_a_reverted_file_are_each_picked_up()
    {
        var original = Read(Castillo);
        Assert.Equal(5, CachedMatchingAFreshLoad().Facts!.People.Count);

        _folder.Write(Castillo, original.Replace("Former president", "Former head of state", StringComparison.Ordinal));
        Assert.True(CachedMatchingAFreshLoad().Facts!.TryGetPerson("pedro-castillo", out var changed));
        Assert.Equal("Former head of state of Peru.", changed.Summary);

        _folder.Write("people/dina-boluarte.yaml", """
            id: dina-boluarte
            name: Dina Boluarte
            country: Peru
            summary: Former president of Peru.
            sources: [profile-2025-chavez]
            """);
        var added = CachedMatchingAFreshLoad().Facts!;
        Assert.Equal(6, added.People.Count);
        Assert.True(added.TryGetPerson("dina-boluarte", out _));

        _folder.Delete("people/dina-boluarte.yaml");
        var removed = CachedMatchingAFreshLoad().Facts!;
        Assert.Equal(5, removed.People.Count);
        Assert.False(removed.TryGetPerson("dina-boluarte", out _));

        _folder.Write(Castillo, original);
        Assert.True(CachedMatchingAFreshLoad().Facts!.TryGetPerson("pedro-castillo", out var reverted));
        Assert.Equal("Former president of Peru.", reverted.Summary);
    }

    [Fact]
    public void A_rewrite_with_the_same_size_and_write_time_is_still_picked_up_while_the_write_time_is_recent()
    {
        var path = Path.Combine(_folder.Path, Castillo);
        var original = Read(Castillo);
        _folder.Write(Castillo, original); // just saved
        var writeTime = File.GetLastWriteTimeUtc(path);
        Assert.False(Cached().HasErrors);

        // Same length, and the write time put back: only the content tells the two versions apart.
        File.WriteAllText(path, original.Replace("Former president", "Former chieftain", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(path, writeTime);
        var report = CachedMatchingAFreshLoad();

        Assert.True(report.Facts!.TryGetPerson("pedro-castillo", out var castillo));
        Assert.Equal("Former chieftain of Peru.", castillo.Summary);
    }

    [Fact]
    public void Deleting_a_file_that_an_unchanged_file_refers_to_is_an_error_in_the_unchanged_file()
    {
        AgeEveryFile();
        var castillo = Read(Castillo);
        Assert.False(Cached().HasErrors);

        _folder.Delete(Castillo);
        var report = CachedMatchingAFreshLoad();

        Assert.Null(report.Facts);
        Assert.Equal(0, _cache.LastLoad.Parsed); // the event was not parsed again, yet its reference is checked again
        Assert.Contains(report.Errors, e => e.ToString().StartsWith($"facts/{Removed}:6:10: error: unknown person id 'pedro-castillo'", StringComparison.Ordinal));

        _folder.Write(Castillo, castillo);
        Assert.False(CachedMatchingAFreshLoad().HasErrors);
    }

    [Fact]
    public void A_source_removed_from_sources_yaml_is_an_error_wherever_an_unchanged_file_cites_it()
    {
        var sources = Read("sources.yaml");
        Assert.False(Cached().HasErrors);

        var start = sources.IndexOf("  - id: profile-2025-chavez", StringComparison.Ordinal);
        var end = sources.IndexOf("  - id: daily-2025-11-24-embassy", StringComparison.Ordinal);
        _folder.Write("sources.yaml", sources.Remove(start, end - start));
        var report = CachedMatchingAFreshLoad();

        Assert.Contains(report.Errors, e => e.Path == $"facts/{Castillo}" && e.Message.StartsWith("unknown source id 'profile-2025-chavez'", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Path == $"facts/{Removed}" && e.Message.StartsWith("unknown source id 'profile-2025-chavez'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_file_that_takes_a_cached_persons_alias_or_a_cached_quotes_id_is_an_error()
    {
        Assert.False(Cached().HasErrors);

        _folder.Write("people/rafael-lopez.yaml", """
            id: rafael-lopez
            name: Rafael López
            aliases: [Pedro Castillo]
            country: Peru
            summary: Former president of Peru.
            sources: [profile-2025-chavez]
            """);
        _folder.Write("quotes/jose-jeri.yaml", """
            speaker: jose-jeri
            quotes:
              - id: sheinbaum-2025-11-04-proportion
                date: 2025-11-04
                text: "Something."
                language: es
                translated: false
                context: A test.
                sources: [wire-2025-11-04-break]
            """);
        var errors = CachedMatchingAFreshLoad().Errors.Select(e => e.ToString()).ToList();

        Assert.Contains(errors, e => e.StartsWith("facts/people/rafael-lopez.yaml:3:11: error: 'Pedro Castillo' is also a name of 'pedro-castillo'", StringComparison.Ordinal));
        Assert.Contains("facts/quotes/jose-jeri.yaml:3:9: error: duplicate quote id 'sheinbaum-2025-11-04-proportion' (first in quotes/claudia-sheinbaum.yaml)", errors);
    }

    [Fact]
    public void An_edit_behind_a_symbolic_link_is_picked_up()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // dating the link itself needs touch -h
        }

        var elsewhere = Path.Combine(_folder.Path, "elsewhere.yaml");
        File.WriteAllText(elsewhere, Read(Castillo));
        File.Delete(Path.Combine(_folder.Path, Castillo));
        File.CreateSymbolicLink(Path.Combine(_folder.Path, Castillo), elsewhere);
        AgeEveryFile(); // the files, through the link too
        using (var touch = System.Diagnostics.Process.Start("touch", ["-h", "-d", "1 hour ago", Path.Combine(_folder.Path, Castillo)]))
        {
            touch.WaitForExit(); // and the link itself: its own size and write time never change
        }

        Assert.False(Cached().HasErrors);

        File.WriteAllText(elsewhere, Read(Castillo).Replace("Former president", "Former head of state", StringComparison.Ordinal));
        var report = CachedMatchingAFreshLoad();

        Assert.True(report.Facts!.TryGetPerson("pedro-castillo", out var castillo));
        Assert.Equal("Former head of state of Peru.", castillo.Summary);
    }

    [Fact]
    public void A_broken_file_stays_an_error_on_every_reload_until_it_is_fixed()
    {
        var castillo = Read(Castillo);
        _folder.Write(Castillo, castillo + "nickname: Profe\n");

        Assert.Contains(CachedMatchingAFreshLoad().Errors, e => e.Message == "unknown key 'nickname'");
        Assert.Contains(CachedMatchingAFreshLoad().Errors, e => e.Message == "unknown key 'nickname'");

        _folder.Write(Castillo, castillo);
        Assert.False(CachedMatchingAFreshLoad().HasErrors);
    }

    [Fact]
    public void A_snapshot_built_from_the_cache_answers_like_one_built_from_scratch()
    {
        Assert.False(Cached().HasErrors);
        _folder.Write(Removed, Read(Removed).Replace("title: Castillo removed", "title: Castillo removed by Congress", StringComparison.Ordinal));

        var cached = Cached().Facts!;
        var fresh = _folder.Load().Facts!;

        Assert.Equal(fresh.Events.Select(e => e.Id), cached.Events.Select(e => e.Id));
        Assert.Equal(fresh.People.Select(p => p.Id), cached.People.Select(p => p.Id));
        Assert.Equal(fresh.Sources.Select(s => s.Id), cached.Sources.Select(s => s.Id));
        Assert.Equal(fresh.Quotes.Select(q => q.Id), cached.Quotes.Select(q => q.Id));
        Assert.Equal(fresh.AsOf, cached.AsOf);
        Assert.Equal(fresh.HeadlineOf(fresh.Events[0]), cached.HeadlineOf(cached.Events[0]));
        Assert.True(cached.TryGetEvent("2022-12-07-castillo-removed", out var removed));
        Assert.Equal("Castillo removed by Congress: Congress removed Pedro Castillo.", cached.HeadlineOf(removed));
        Assert.Equal(fresh.PeopleIndex.Resolve("castillo").Items.Select(p => p.Id), cached.PeopleIndex.Resolve("castillo").Items.Select(p => p.Id));
    }
}
