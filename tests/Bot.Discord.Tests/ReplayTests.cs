using System.Net;
using Bot.Core.Facts;
using Bot.Core.Feedback;
using Bot.Discord.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Discord.Tests;

/// <summary>A signed interaction captured and sent again within its 5-minute window is a replay: refused like a forgery.</summary>
public sealed class ReplayTests
{
    [Fact]
    public async Task A_replayed_report_is_refused_with_401_and_stored_once()
    {
        var reports = new CountingReports();
        await using var host = await DiscordTestHost.StartAsync(new FixedFactStore(TestFacts.Small()), configure: s => s.AddSingleton<IFeedbackStore>(reports));
        var body = Payloads.Command("report", """[{"name":"text","type":3,"value":"the date of the expulsion is wrong"}]""");

        using var first = await host.PostSignedAsync(body);
        var replays = new List<HttpStatusCode>();
        for (var i = 0; i < 14; i++)
        {
            using var again = await host.PostSignedAsync(body, DiscordTestHost.Now.AddSeconds(i)); // the same, or re-signed later: the same id
            replays.Add(again.StatusCode);
            Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.All(replays, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(1, reports.Added);
        Assert.Contains(host.Logs.Entries, e => e.Event.Id == 2001 && e.Message.Contains("replay", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_interaction_with_the_same_content_is_answered()
    {
        await using var host = await DiscordTestHost.StartAsync(new FixedFactStore(TestFacts.Small()));

        using var first = await host.PostSignedAsync(Payloads.Command("sources"));
        using var second = await host.PostSignedAsync(Payloads.Command("sources")); // a new id: someone asked again

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    private sealed class CountingReports : IFeedbackStore
    {
        private int _added;

        public int Added => _added;

        public Task<long> AddReportAsync(string text, string? about, string platform, CancellationToken ct) => Task.FromResult((long)Interlocked.Increment(ref _added));

        public Task<IReadOnlyList<CommunityReport>> OpenReportsAsync(int limit, CancellationToken ct) => Task.FromResult<IReadOnlyList<CommunityReport>>([]);

        public Task<bool> ResolveReportAsync(long id, string? note, CancellationToken ct) => Task.FromResult(false);

        public Task RecordUnansweredAsync(string question, CancellationToken ct) => Task.CompletedTask;

        public Task<IReadOnlyList<UnansweredQuestion>> TopUnansweredAsync(int limit, CancellationToken ct) => Task.FromResult<IReadOnlyList<UnansweredQuestion>>([]);
    }
}
