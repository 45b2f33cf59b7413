using Bot.App.Facts;
using Bot.App.Tests.Support;
using Bot.Core.Loading;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.App.Tests;

public sealed class FactStoreTests
{
    private static FactStore NewStore(string folder) => new(
        new FactBaseLoader(TimeProvider.System),
        Options.Create(new FactsOptions { Path = folder }),
        TimeProvider.System,
        NullLogger<FactStore>.Instance);

    [Fact]
    public async Task A_reload_serves_at_once_and_builds_the_ask_index_in_the_background()
    {
        using var store = NewStore(Repo.Facts);

        Assert.True(store.Reload());
        var facts = store.Current;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!facts.IsSearchReady && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(facts.IsSearchReady);
        Assert.Same(facts, store.Current);
    }

    [Fact]
    public void A_reload_after_an_edit_reads_only_the_edited_file_and_serves_it()
    {
        var folder = Directory.CreateTempSubdirectory("bot-store-facts-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(Repo.Facts, "*.yaml", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder.FullName, Path.GetRelativePath(Repo.Facts, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
                File.SetLastWriteTimeUtc(target, DateTime.UtcNow.AddHours(-1)); // saved long ago: sizes and write times are trusted
            }

            using var store = NewStore(folder.FullName);
            Assert.True(store.Reload());
            var person = Path.Combine(folder.FullName, "people", "jose-jeri.yaml");
            File.WriteAllText(person, File.ReadAllText(person).Replace("Lawyer from", "Lawyer (edited) from", StringComparison.Ordinal));

            Assert.True(store.Reload());

            Assert.Equal((1, 1), store.LastLoadFiles);
            Assert.True(store.Current.TryGetPerson("jose-jeri", out var jeri));
            Assert.Contains("(edited)", jeri.Summary, StringComparison.Ordinal);
            Assert.True(store.LoadedScan!.SameAs(FactFolderScan.Of(folder.FullName)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_reload_that_fails_unexpectedly_keeps_the_last_good_base_serving_and_says_so()
    {
        var clock = new BreakableClock();
        using var store = new FactStore(new FactBaseLoader(clock), Options.Create(new FactsOptions { Path = Repo.Facts }), TimeProvider.System, NullLogger<FactStore>.Instance);
        Assert.True(store.Reload());
        var good = store.Current;

        clock.Broken = true; // stands for any bug inside the loader
        Assert.False(store.Reload());

        Assert.Same(good, store.Current);
        Assert.Equal(
            ".:1:1: error: the fact base could not be loaded (InvalidOperationException, see the bot's log); the last good base keeps serving", // the folder itself, named relative to itself
            Assert.Single(store.LastErrors).ToString());

        clock.Broken = false;
        Assert.True(store.Reload());
        Assert.Empty(store.LastErrors);
    }

    [Fact]
    public void A_first_load_that_fails_unexpectedly_stops_start_up_instead_of_serving_nothing()
    {
        using var store = new FactStore(new FactBaseLoader(new BreakableClock { Broken = true }), Options.Create(new FactsOptions { Path = Repo.Facts }), TimeProvider.System, NullLogger<FactStore>.Instance);

        Assert.Throws<InvalidOperationException>(() => store.Reload());
        Assert.False(store.IsLoaded);
    }

    /// <summary>FakeTimeProvider's clock, made to throw on demand: a stand-in for a bug inside the loader.</summary>
    private sealed class BreakableClock : FakeTimeProvider
    {
        public bool Broken { get; set; }

        public override DateTimeOffset GetUtcNow() => Broken ? throw new InvalidOperationException("a loader bug") : base.GetUtcNow();
    }

    [Fact]
    public async Task A_replaced_snapshot_is_released_after_the_grace_period_and_the_serving_one_is_not()
    {
        using var store = new FactStore(
            new FactBaseLoader(TimeProvider.System),
            Options.Create(new FactsOptions { Path = Repo.Facts }),
            TimeProvider.System,
            NullLogger<FactStore>.Instance)
        {
            RetireAfter = TimeSpan.FromMilliseconds(300),
        };

        Assert.True(store.Reload());
        var first = store.Current;
        Assert.True(store.Reload());
        var second = store.Current;

        Assert.False(first.IsDisposed); // still usable right after the swap
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!first.IsDisposed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(first.IsDisposed);
        Assert.False(second.IsDisposed);
        Assert.NotSame(first, second);
    }
}
