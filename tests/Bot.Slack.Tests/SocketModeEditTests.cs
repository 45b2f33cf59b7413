using System.Text.Json;
using Bot.Core.Editing;
using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Querying;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Slack.Tests;

/// <summary>A chat edit over Socket Mode: the view_submission's preview travels in the acknowledgement, and Confirm writes.</summary>
public sealed class SocketModeEditTests
{
    [Fact]
    public async Task A_view_submission_envelope_is_acknowledged_with_the_preview_and_confirm_writes_the_change()
    {
        await using var slack = await FakeSlackSocketServer.StartAsync();
        var writer = new RecordingWriter();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:AppToken"] = FakeSlackSocketServer.AppToken,
            ["Slack:BotToken"] = "xoxb-test-token-made-in-the-test",
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
            ["Slack:ModeratorUserIds:0"] = "UMOD",
        });
        var store = new FixedFactStore(TestFacts.Real);
        builder.Services.AddSingleton<IFactStore>(store);
        builder.Services.AddSingleton<QueryEngine>();
        builder.Services.AddSingleton(new FactEditService(store, new FolderAdmin(TestFacts.Real), new FactBaseLoader(TimeProvider.System), writer, TimeProvider.System));
        builder.Services.AddSlackAdapter(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        var connection = await slack.NextConnectionAsync();
        await connection.SendAsync("{\"type\":\"hello\"}");

        await connection.SendAsync(SocketModePayloads.Envelope("env-view", "interactive", new
        {
            type = "view_submission",
            team = new { id = "T1" },
            user = new { id = "UMOD", name = "ana" },
            view = new
            {
                id = "V1",
                callback_id = "facts-edit:add-source",
                state = new
                {
                    values = new Dictionary<string, object>
                    {
                        ["url"] = new { url = new { type = "plain_text_input", value = "https://example.org/test-article" } },
                        ["outlet"] = new { outlet = new { type = "plain_text_input", value = "Example" } },
                        ["title"] = new { title = new { type = "plain_text_input", value = "A test headline" } },
                        ["date"] = new { date = new { type = "plain_text_input", value = "2026-03-01" } },
                    },
                },
            },
        }));
        using var ack = JsonDocument.Parse((await connection.ReceiveAsync())!);

        Assert.Equal("env-view", ack.RootElement.GetProperty("envelope_id").GetString());
        var payload = ack.RootElement.GetProperty("payload");
        Assert.Equal("update", payload.GetProperty("response_action").GetString());
        var confirm = payload.GetProperty("view").GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Select(e => e.GetProperty("action_id").GetString()!)
            .First();
        Assert.StartsWith("facts-edit:confirm", confirm, StringComparison.Ordinal);
        Assert.Empty(writer.Changes);

        await connection.SendAsync(SocketModePayloads.Envelope("env-confirm", "interactive", new
        {
            type = "block_actions",
            team = new { id = "T1" },
            user = new { id = "UMOD", name = "ana" },
            view = new { id = "V1" },
            actions = new[] { new { action_id = confirm, type = "button" } },
        }));
        using var confirmAck = JsonDocument.Parse((await connection.ReceiveAsync())!);
        Assert.Equal("env-confirm", confirmAck.RootElement.GetProperty("envelope_id").GetString());
        for (var i = 0; i < 100 && writer.Changes.IsEmpty; i++)
        {
            await Task.Delay(50);
        }

        var change = Assert.Single(writer.Changes);
        Assert.StartsWith("Add source example-2026-03-01-a-test-headline (from Slack by ana)", change.Message, StringComparison.Ordinal);
        Assert.Equal("sources.yaml", Assert.Single(change.Edits).RelativePath);
        connection.Release();
        await host.StopAsync();
    }

    private sealed class FolderAdmin(FactBase facts) : IFactAdmin
    {
        public FactAdminStatus Status() => new(facts, Path.Combine(TestFacts.RepoRoot(), "facts"), [], Reloaded: false);

        public FactAdminStatus Reload() => Status();

        public FactLoadReport Check() => new(facts, []);
    }

    private sealed class RecordingWriter : IFactWriter
    {
        public System.Collections.Concurrent.ConcurrentQueue<FactChange> Changes { get; } = new();

        public Task<FactWriteResult> WriteAsync(FactChange change, CancellationToken cancellationToken)
        {
            Changes.Enqueue(change);
            return Task.FromResult(new FactWriteResult(true, null, []));
        }

        public Task<IReadOnlyList<FactHistoryEntry>> HistoryAsync(int count, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<FactHistoryEntry>>([]);
    }
}
