using System.Net;
using System.Text.Json;
using Bot.Core.Facts;
using Bot.Core.Feedback;
using Bot.Core.Querying;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Slack.Tests;

/// <summary>
/// A slash command whose answer is slow (here: <c>/report</c> while the database hangs) is acknowledged before Slack's
/// 3 seconds run out, and its answer follows through the response_url; a quick answer still comes inline.
/// </summary>
public sealed class DeferralTests
{
    [Fact]
    public async Task A_command_whose_answer_is_slow_gets_an_empty_200_at_once_and_its_answer_through_the_response_url()
    {
        await using var hook = await FakeResponseUrl.StartAsync();
        var reports = new GatedReports();
        await using var app = await SlackTestApp.StartAsync(
            new() { ["Slack:DeferAfter"] = "00:00:00.200" }, configure: s => s.AddSingleton<IFeedbackStore>(reports));
        var form = Signing.Form(("team_id", "T1"), ("channel_id", "C1"), ("user_id", "U1"), ("command", "/report"),
            ("text", "the date of the expulsion is wrong"), ("response_url", hook.Url.AbsoluteUri), ("trigger_id", Signing.NewTriggerId()));

        using var response = await app.Client.SendAsync(Signing.SignedForm(SlackEndpoints.CommandsPath, form)); // the database still hangs
        var acknowledgement = await response.Content.ReadAsStringAsync();
        var stillWaiting = !reports.Stored.Task.IsCompleted;
        reports.Release();
        using var posted = JsonDocument.Parse(await hook.NextPostAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(acknowledgement);
        Assert.True(stillWaiting, "the acknowledgement waited for the database");
        Assert.Equal("ephemeral", posted.RootElement.GetProperty("response_type").GetString());
        Assert.Contains(BlockKitLimits.Texts(posted.RootElement.GetRawText()), t => t.Contains("Report #1 received", StringComparison.Ordinal));
        Assert.Empty(BlockKitLimits.Check(posted.RootElement.GetRawText()));
    }

    [Fact]
    public async Task A_quick_answer_still_comes_inline_and_nothing_goes_to_the_response_url()
    {
        await using var hook = await FakeResponseUrl.StartAsync();
        await using var app = await SlackTestApp.StartAsync(new() { ["Slack:DeferAfter"] = "00:00:02" });
        var form = Signing.Form(("team_id", "T1"), ("channel_id", "C1"), ("user_id", "U1"), ("command", "/who"),
            ("text", "betssy chavez"), ("response_url", hook.Url.AbsoluteUri), ("trigger_id", Signing.NewTriggerId()));

        using var response = await app.Client.SendAsync(Signing.SignedForm(SlackEndpoints.CommandsPath, form));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        await Task.Delay(200);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Betssy", json.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.False(hook.Posts.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Over_Socket_Mode_a_slow_command_is_acknowledged_empty_and_answered_through_the_response_url()
    {
        await using var slack = await FakeSlackSocketServer.StartAsync();
        var reports = new GatedReports();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:AppToken"] = FakeSlackSocketServer.AppToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
            ["Slack:AllowedResponseHosts:0"] = "127.0.0.1",
            ["Slack:DeferAfter"] = "00:00:00.200",
        });
        builder.Services.AddSingleton<IFactStore>(new FixedFactStore(TestFacts.Real));
        builder.Services.AddSingleton<IFeedbackStore>(reports);
        builder.Services.AddSingleton<QueryEngine>();
        builder.Services.AddSlackAdapter(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        var connection = await slack.NextConnectionAsync();
        await connection.SendAsync("{\"type\":\"hello\"}");
        var command = new
        {
            team_id = "T1",
            channel_id = "C1",
            user_id = "U1",
            command = "/report",
            text = "the date is wrong",
            response_url = new Uri(slack.BaseAddress, "/hooks/T1/3/z").AbsoluteUri,
            trigger_id = Signing.NewTriggerId(),
        };

        await connection.SendAsync(SocketModePayloads.Envelope("env-slow", "slash_commands", command));
        var ack = await connection.ReceiveAsync(); // the database still hangs
        var stillWaiting = !reports.Stored.Task.IsCompleted;
        reports.Release();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var posted = JsonDocument.Parse(await slack.ResponseUrlPosts.Reader.ReadAsync(timeout.Token));

        Assert.Equal("{\"envelope_id\":\"env-slow\"}", ack);
        Assert.True(stillWaiting, "the acknowledgement waited for the database");
        Assert.Contains(BlockKitLimits.Texts(posted.RootElement.GetRawText()), t => t.Contains("Report #1 received", StringComparison.Ordinal));
        connection.Release();
        await host.StopAsync();
    }

    /// <summary>A database that does not store a report until the test releases it.</summary>
    private sealed class GatedReports : IFeedbackStore
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate.TrySetResult();

        public async Task<long> AddReportAsync(string text, string? about, string platform, CancellationToken ct)
        {
            await _gate.Task.WaitAsync(TimeSpan.FromSeconds(20), ct);
            Stored.TrySetResult();
            return 1;
        }

        public Task<IReadOnlyList<CommunityReport>> OpenReportsAsync(int limit, CancellationToken ct) => Task.FromResult<IReadOnlyList<CommunityReport>>([]);

        public Task<bool> ResolveReportAsync(long id, string? note, CancellationToken ct) => Task.FromResult(false);

        public Task RecordUnansweredAsync(string question, CancellationToken ct) => Task.CompletedTask;

        public Task<IReadOnlyList<UnansweredQuestion>> TopUnansweredAsync(int limit, CancellationToken ct) => Task.FromResult<IReadOnlyList<UnansweredQuestion>>([]);
    }
}
