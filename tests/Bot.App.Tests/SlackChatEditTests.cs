using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.App.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bot.App.Tests;

/// <summary>
/// Editing the facts from Slack over HTTP, end to end: /facts add-event opens a modal through views.open on a local
/// fake of Slack's Web API, the view_submission comes back with the preview in the modal, and Confirm writes the file
/// and updates the modal through views.update. A member's submission is refused.
/// </summary>
public sealed class SlackChatEditTests : IAsyncLifetime
{
    private const string Secret = "slack-chat-edit-test-signing-secret";
    private const string KnownSourceUrl = "https://larepublica.pe/politica/2025/11/09/encargada-de-la-embajada-de-mexico-en-peru-abandono-el-pais-tras-asilo-diplomatico-a-betssy-chavez-hnews-215901";

    private readonly DirectoryInfo _facts = Directory.CreateTempSubdirectory("bot-slack-edit-facts-");
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-slack-edit-data-");
    private readonly ConcurrentQueue<(string Method, JsonObject Body)> _calls = new();
    private WebApplication? _slack;
    private WebApplicationFactory<Program>? _factory;
    private HttpClient? _client;

    public async Task InitializeAsync()
    {
        Repo.CopyFactsTo(_facts.FullName);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _slack = builder.Build();
        _slack.MapPost("/api/{method}", async (string method, HttpRequest request) =>
        {
            _calls.Enqueue((method, JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!.AsObject()));
            return Results.Json(new { ok = true });
        });
        await _slack.StartAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Facts:Path", _facts.FullName);
            b.UseSetting("Facts:Watch", "false");
            b.UseSetting("Storage:DataPath", _data.FullName);
            b.UseSetting("Slack:SigningSecret", Secret);
            b.UseSetting("Slack:BotToken", "xoxb-test-token-made-in-the-test");
            b.UseSetting("Slack:ApiBaseUrl", _slack.Urls.First() + "/api");
            b.UseSetting("Slack:ModeratorUserIds:0", "UMOD");
        });
        _client = _factory.CreateClient();
    }

    [Fact]
    public async Task A_moderator_adds_an_event_through_views_open_a_preview_in_the_modal_and_confirm()
    {
        using var opened = await SignedSlack.PostAsync(_client!, Secret, Form(("team_id", "T1"), ("channel_id", "C1"), ("user_id", "UMOD"), ("user_name", "ana"), ("command", "/facts"), ("text", "add-event"), ("trigger_id", "13345224609.738474920.8088930838d88f008e0")));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Empty(await opened.Content.ReadAsStringAsync()); // the modal is the reply
        var open = Assert.Single(_calls, c => c.Method == "views.open");
        Assert.Equal("13345224609.738474920.8088930838d88f008e0", (string?)open.Body["trigger_id"]);
        Assert.Equal("facts-edit:add-event", (string?)open.Body["view"]!["callback_id"]);
        Assert.Equal(["date", "title", "summary", "sources", "people"], open.Body["view"]!["blocks"]!.AsArray().Select(b => (string)b!["block_id"]!));

        var preview = await InteractAsync(Submission("UMOD", "facts-edit:add-event", new()
        {
            ["date"] = "2026-03-01",
            ["title"] = "Test event written from Slack",
            ["summary"] = "A summary typed in a Slack modal.",
            ["sources"] = KnownSourceUrl,
            ["people"] = "",
        }));
        Assert.Equal("update", (string?)preview["response_action"]);
        Assert.Contains("Test event written from Slack", preview.ToJsonString(), StringComparison.Ordinal);
        var confirm = ActionIds(preview).First();
        Assert.StartsWith("facts-edit:confirm", confirm, StringComparison.Ordinal);
        Assert.StartsWith("facts-edit:cancel", ActionIds(preview)[1], StringComparison.Ordinal);

        using var pressed = await SignedSlack.PostAsync(_client!, Secret, "payload=" + Uri.EscapeDataString(JsonSerializer.Serialize(new
        {
            type = "block_actions",
            user = new { id = "UMOD", name = "ana", team_id = "T1" },
            team = new { id = "T1" },
            container = new { type = "view", view_id = "V123" },
            view = new { id = "V123", callback_id = "facts-edit:result" },
            actions = new[] { new { action_id = confirm, block_id = "facts-edit", type = "button" } },
        })), path: "/slack/interactions");
        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);

        var update = await Until(() => _calls.FirstOrDefault(c => c.Method == "views.update").Body);
        Assert.Equal("V123", (string?)update["view_id"]);
        Assert.Contains("Add event 2026-03-01 Test event written from Slack (from Slack by ana)", update.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_facts.FullName, "events", "2026-03-01-test-event-written-from-slack.yaml")));
    }

    [Fact]
    public async Task A_view_submission_from_someone_who_is_not_a_moderator_is_refused_and_nothing_is_written()
    {
        var refused = await InteractAsync(Submission("U999", "facts-edit:add-source", new()
        {
            ["url"] = "https://example.org/a-page",
            ["outlet"] = "Example",
            ["title"] = "A headline",
            ["date"] = "2026-03-01",
        }));

        Assert.Contains("Only moderators can do that", refused.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(ActionIds(refused));
        Assert.DoesNotContain("example.org", await File.ReadAllTextAsync(Path.Combine(_facts.FullName, "sources.yaml")), StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_slack is not null)
        {
            await _slack.DisposeAsync();
        }

        _facts.Delete(recursive: true);
        _data.Delete(recursive: true);
    }

    private static string Form(params (string Name, string Value)[] fields) =>
        string.Join('&', fields.Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value)}"));

    private static string Submission(string userId, string callbackId, Dictionary<string, string> values) =>
        "payload=" + Uri.EscapeDataString(JsonSerializer.Serialize(new
        {
            type = "view_submission",
            team = new { id = "T1" },
            user = new { id = userId, name = "ana", team_id = "T1" },
            view = new
            {
                id = "V123",
                type = "modal",
                callback_id = callbackId,
                state = new { values = values.ToDictionary(v => v.Key, v => new Dictionary<string, object> { [v.Key] = new { type = "plain_text_input", value = v.Value } }) },
            },
        }));

    private async Task<JsonObject> InteractAsync(string body)
    {
        using var response = await SignedSlack.PostAsync(_client!, Secret, body, path: "/slack/interactions");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static List<string> ActionIds(JsonObject response) =>
        [.. response["view"]!["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).Select(e => (string)e!["action_id"]!)];

    private static async Task<T> Until<T>(Func<T?> probe)
        where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the fake Slack API was not called");
    }
}
