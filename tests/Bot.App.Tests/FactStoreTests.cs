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
    public void A_reload_after_an_edit_serves_it()
    {
        var folder = Directory.CreateTempSubdirectory("bot-store-facts-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(Repo.Facts, "*.yaml", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder.FullName, Path.GetRelativePath(Repo.Facts, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var store = NewStore(folder.FullName);
            Assert.True(store.Reload());
            var person = Path.Combine(folder.FullName, "people", "jose-jeri.yaml");
            File.WriteAllText(person, File.ReadAllText(person).Replace("Lawyer from", "Lawyer (edited) from", StringComparison.Ordinal));

            Assert.True(store.Reload());

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
        var store = new FactStore(new FactBaseLoader(clock), Options.Create(new FactsOptions { Path = Repo.Facts }), TimeProvider.System, NullLogger<FactStore>.Instance);
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
        var store = new FactStore(new FactBaseLoader(new BreakableClock { Broken = true }), Options.Create(new FactsOptions { Path = Repo.Facts }), TimeProvider.System, NullLogger<FactStore>.Instance);

        Assert.Throws<InvalidOperationException>(() => store.Reload());
        Assert.False(store.IsLoaded);
    }

    [Fact]
    public void A_reload_that_runs_out_of_memory_keeps_the_last_good_base_serving_and_says_so()
    {
        var clock = new BreakableClock();
        var store = new FactStore(new FactBaseLoader(clock), Options.Create(new FactsOptions { Path = Repo.Facts }), TimeProvider.System, NullLogger<FactStore>.Instance);
        Assert.True(store.Reload());
        var good = store.Current;

#pragma warning disable CA2201 // the runtime throws it for a base too large for the machine; the test stands in for that
        clock.Failure = new OutOfMemoryException();
#pragma warning restore CA2201
        Assert.False(store.Reload());

        Assert.Same(good, store.Current);
        Assert.Equal(
            ".:1:1: error: the fact base could not be loaded (OutOfMemoryException, see the bot's log); the last good base keeps serving", // relative to the fact folder, never the server's path
            Assert.Single(store.LastErrors).ToString());
    }

    /// <summary>FakeTimeProvider's clock, made to throw on demand: a stand-in for a bug inside the loader.</summary>
    private sealed class BreakableClock : FakeTimeProvider
    {
        public Exception? Failure { get; set; }

        public bool Broken
        {
            get => Failure is not null;
            set => Failure = value ? new InvalidOperationException("a loader bug") : null;
        }

        public override DateTimeOffset GetUtcNow() => Failure is { } failure ? throw failure : base.GetUtcNow();
    }
}
