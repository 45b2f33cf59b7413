using Bot.App.Facts;
using Bot.App.Tests.Support;
using Bot.Core.Loading;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.App.Tests;

public sealed class FactStoreTests
{
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
