using Bot.Core.Feedback;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Storage.Tests;

/// <summary>The daily retention sweep in a running host, on a fake clock.</summary>
public sealed class RetentionWorkerTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "bot-retention-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_question_nobody_asked_again_for_90_days_is_swept_out_by_the_daily_sweep()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataPath"] = _data });
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddFeedbackStorage(builder.Configuration);
        using var host = builder.Build();
        var store = host.Services.GetRequiredService<IFeedbackStore>();
        await store.RecordUnansweredAsync("quien es el canciller", CancellationToken.None);
        var askedAt = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromDays(89));

        await host.StartAsync(); // sweeps at once: 89 days is within the 90 kept
        await Task.Delay(200);
        Assert.Single(await store.TopUnansweredAsync(10, CancellationToken.None));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while ((await store.TopUnansweredAsync(10, CancellationToken.None)).Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the daily sweep never deleted the question");
            clock.Advance(TimeSpan.FromHours(6));
            await Task.Delay(50);
        }

        var age = clock.GetUtcNow() - askedAt;
        Assert.InRange(age, TimeSpan.FromDays(90), TimeSpan.FromDays(91.5)); // gone at the first daily sweep past 90 days
        await host.StopAsync();
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
