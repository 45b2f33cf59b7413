using System.Globalization;
using System.Net;
using System.Text.Json;
using Bot.Core.Facts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Slack.Tests;

public sealed class SlackHttpEndpointTests
{
    private static string CommandForm(string command, string text, string responseUrl = "https://hooks.slack.com/commands/T1/1/x") => Signing.Form(
        ("token", "deprecated"), ("team_id", "T1DC2JH3J"), ("channel_id", "C1"), ("user_id", "U1"), ("command", command),
        ("text", text), ("response_url", responseUrl), ("trigger_id", "1.2.3"), ("api_app_id", "A1"));

    private static async Task<(HttpStatusCode Status, string Body, JsonDocument? Json)> PostAsync(SlackTestApp app, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await app.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var json = body.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonDocument.Parse(body) : null;
            return (response.StatusCode, body, json);
        }
    }

    [Theory]
    [InlineData("/who", "betssy chavez", "Betssy Chávez")]
    [InlineData("/timeline", "from:2025-11-01", "Timeline")]
    [InlineData("/quote", "sheinbaum", "Sheinbaum")]
    [InlineData("/sources", "", "Sources")]
    [InlineData("/help", "", "")]
    public async Task Each_command_signed_by_Slack_is_answered_in_the_channel_with_Block_Kit(string command, string text, string inHeader)
    {
        await using var app = await SlackTestApp.StartAsync();

        var (status, body, json) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, CommandForm(command, text)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(json);
        Assert.Equal("in_channel", json.RootElement.GetProperty("response_type").GetString());
        var header = json.RootElement.GetProperty("blocks")[0];
        Assert.Equal("header", header.GetProperty("type").GetString());
        Assert.Contains(inHeader, header.GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Empty(BlockKitLimits.Check(body));
    }

    [Fact]
    public async Task A_name_that_matches_no_one_is_answered_only_to_the_asker()
    {
        await using var app = await SlackTestApp.StartAsync();

        var (status, _, json) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, CommandForm("/who", "nobody-at-all-xyz")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ephemeral", json!.RootElement.GetProperty("response_type").GetString());
    }

    [Fact]
    public async Task A_usage_error_is_a_200_with_an_ephemeral_message()
    {
        await using var app = await SlackTestApp.StartAsync();

        var (status, _, json) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, CommandForm("/timeline", "from:banana")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ephemeral", json!.RootElement.GetProperty("response_type").GetString());
    }

    [Fact]
    public async Task A_command_configured_as_ephemeral_is_answered_only_to_the_asker()
    {
        await using var app = await SlackTestApp.StartAsync(new() { ["Slack:CommandResponseTypes:help"] = "ephemeral" });

        var (_, _, help) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, CommandForm("/help", "")));
        var (_, _, who) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, CommandForm("/who", "jeri")));

        Assert.Equal("ephemeral", help!.RootElement.GetProperty("response_type").GetString());
        Assert.Equal("in_channel", who!.RootElement.GetProperty("response_type").GetString());
    }

    [Fact]
    public async Task A_request_signed_with_the_wrong_secret_is_rejected_with_401_and_an_empty_body()
    {
        await using var app = await SlackTestApp.StartAsync();

        var (status, body, _) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, CommandForm("/help", ""), secret: "not-the-signing-secret-at-all"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Empty(body);
    }

    [Fact]
    public async Task A_request_without_signature_headers_is_rejected_with_401()
    {
        await using var app = await SlackTestApp.StartAsync();

        var (status, body, _) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, CommandForm("/help", ""), secret: null));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Empty(body);
    }

    [Fact]
    public async Task A_replayed_request_older_than_five_minutes_is_rejected_with_401()
    {
        await using var app = await SlackTestApp.StartAsync();
        var old = DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var (status, _, _) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, CommandForm("/help", ""), timestamp: old));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_before_anything_else()
    {
        await using var app = await SlackTestApp.StartAsync(new() { ["Slack:MaxRequestBodyBytes"] = "4096" });

        var (status, _, _) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, CommandForm("/help", new string('x', 5000))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task A_signed_body_that_is_not_a_form_is_rejected_with_400()
    {
        await using var app = await SlackTestApp.StartAsync();

        var (status, _, _) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, "{\"command\":\"/help\"}", contentType: "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task A_signed_form_without_a_command_is_rejected_with_400()
    {
        await using var app = await SlackTestApp.StartAsync();

        var (status, _, _) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, Signing.Form(("text", "hello"))));

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Slacks_ssl_check_is_acknowledged_with_an_empty_200()
    {
        await using var app = await SlackTestApp.StartAsync();

        var signed = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, "ssl_check=1&token=abc"));
        var unsigned = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, "ssl_check=1&token=abc", secret: null));

        Assert.Equal((HttpStatusCode.OK, ""), (signed.Status, signed.Body));
        Assert.Equal((HttpStatusCode.OK, ""), (unsigned.Status, unsigned.Body));
    }

    [Fact]
    public async Task A_failure_inside_the_core_becomes_an_ephemeral_apology_not_a_500()
    {
        await using var app = await SlackTestApp.StartAsync(store: new BrokenStore());

        var (status, _, json) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, CommandForm("/who", "jeri")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ephemeral", json!.RootElement.GetProperty("response_type").GetString());
        Assert.StartsWith("Sorry, something went wrong", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pressing_Next_acknowledges_at_once_and_replaces_the_message_with_the_next_page_through_response_url()
    {
        await using var hook = await FakeResponseUrl.StartAsync();
        await using var app = await SlackTestApp.StartAsync();
        var first = new Bot.Core.Querying.QueryEngine(new FixedFactStore(TestFacts.Real)).Answer("/timeline");
        var payload = BlockActions(first.Paging!.Next!.Encode(), "page:next:en", hook.Url, DateTimeOffset.UtcNow.AddMinutes(-2));

        var (status, body, _) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.InteractionsPath, Signing.Form(("payload", payload))));
        using var posted = JsonDocument.Parse(await hook.NextPostAsync());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body);
        Assert.True(posted.RootElement.GetProperty("replace_original").GetBoolean());
        Assert.False(posted.RootElement.TryGetProperty("response_type", out _));
        Assert.Contains(BlockKitLimits.Texts(posted.RootElement.GetRawText()), t => t == "Page 2 of " + first.Paging.PageCount);
        Assert.Empty(BlockKitLimits.Check(posted.RootElement.GetRawText()));
    }

    [Fact]
    public async Task Pressing_More_under_an_ask_answer_replaces_it_with_the_next_facts()
    {
        await using var hook = await FakeResponseUrl.StartAsync();
        await using var app = await SlackTestApp.StartAsync();
        var first = new Bot.Core.Querying.QueryEngine(new FixedFactStore(TestFacts.Real)).Answer("/ask ¿Por qué rompió Perú relaciones con México?", "es");
        using var message = JsonDocument.Parse(SlackAnswerRenderer.Render(first));
        var more = message.RootElement.GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Single(e => e.GetProperty("text").GetProperty("text").GetString() == "Más ▶");
        var payload = BlockActions(more.GetProperty("value").GetString()!, more.GetProperty("action_id").GetString()!, hook.Url, DateTimeOffset.UtcNow.AddMinutes(-1));

        var (status, _, _) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.InteractionsPath, Signing.Form(("payload", payload))));
        using var posted = JsonDocument.Parse(await hook.NextPostAsync());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("page:next:es", more.GetProperty("action_id").GetString());
        Assert.True(posted.RootElement.GetProperty("replace_original").GetBoolean());
        Assert.Contains(BlockKitLimits.Texts(posted.RootElement.GetRawText()), t => t == "Página 2 de " + first.Paging!.PageCount);
        Assert.Empty(BlockKitLimits.Check(posted.RootElement.GetRawText()));
    }

    [Fact]
    public async Task Pressing_a_button_on_a_message_older_than_thirty_minutes_answers_ephemerally_instead_of_replacing()
    {
        await using var hook = await FakeResponseUrl.StartAsync();
        await using var app = await SlackTestApp.StartAsync();
        var payload = BlockActions("t|3", "page:next:es", hook.Url, DateTimeOffset.UtcNow.AddMinutes(-31));

        var (status, _, _) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.InteractionsPath, Signing.Form(("payload", payload))));
        using var posted = JsonDocument.Parse(await hook.NextPostAsync());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(posted.RootElement.GetProperty("replace_original").GetBoolean());
        Assert.Equal("ephemeral", posted.RootElement.GetProperty("response_type").GetString());
        Assert.Contains(BlockKitLimits.Texts(posted.RootElement.GetRawText()), t => t.StartsWith("Página 3 de", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_button_with_a_damaged_page_token_gets_an_ephemeral_explanation()
    {
        await using var hook = await FakeResponseUrl.StartAsync();
        await using var app = await SlackTestApp.StartAsync();
        var payload = BlockActions("zz|not-a-token", "page:next:en", hook.Url, DateTimeOffset.UtcNow);

        await PostAsync(app, Signing.SignedForm(SlackEndpoints.InteractionsPath, Signing.Form(("payload", payload))));
        using var posted = JsonDocument.Parse(await hook.NextPostAsync());

        Assert.Equal("ephemeral", posted.RootElement.GetProperty("response_type").GetString());
        Assert.Contains("button no longer works", posted.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_url_outside_Slacks_hosts_is_refused_and_counted_unless_its_host_is_allowed()
    {
        await using var hook = await FakeResponseUrl.StartAsync();
        await using var app = await SlackTestApp.StartAsync(new() { ["Slack:AllowedResponseHosts:0"] = "localhost" });
        using var rejected = new RejectedRequests(app.App.Services);
        var elsewhere = BlockActions("t|2", "page:next:en", hook.Url, DateTimeOffset.UtcNow); // 127.0.0.1: not allowed here
        var allowed = BlockActions("t|2", "page:next:en", new UriBuilder(hook.Url) { Host = "localhost" }.Uri, DateTimeOffset.UtcNow);

        var (refusedStatus, _, _) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.InteractionsPath, Signing.Form(("payload", elsewhere))));
        var (allowedStatus, _, _) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.InteractionsPath, Signing.Form(("payload", allowed))));
        using var posted = JsonDocument.Parse(await hook.NextPostAsync()); // the allowed one (another port: the port is ignored)
        await Task.Delay(200);

        Assert.Equal(HttpStatusCode.OK, refusedStatus);
        Assert.Equal(HttpStatusCode.OK, allowedStatus);
        Assert.Contains(BlockKitLimits.Texts(posted.RootElement.GetRawText()), t => t.StartsWith("Page 2 of", StringComparison.Ordinal));
        Assert.False(hook.Posts.Reader.TryRead(out _), "the response_url on 127.0.0.1 was posted to");
        Assert.Equal(1, rejected["response_url"]);
    }

    [Theory]
    [InlineData("https://hooks.slack.com/actions/T1/1/x", true)]
    [InlineData("https://HOOKS.slack-gov.com/actions/T1/1/x", true)]
    [InlineData("https://hooks.slack.com.evil.example/actions/T1/1/x", false)]
    [InlineData("https://evil.example/?https://hooks.slack.com/", false)]
    [InlineData("http://127.0.0.1:8080/hooks", false)]
    [InlineData("http://169.254.169.254/latest/meta-data/", false)]
    [InlineData("file:///etc/passwd", false)]
    public void By_default_only_Slacks_own_hosts_may_be_posted_to(string url, bool allowed) =>
        Assert.Equal(allowed, new SlackOptions().IsAllowedResponseUrl(new Uri(url)));

    [Fact]
    public async Task An_allowed_response_host_that_is_not_a_host_name_stops_the_host_at_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => SlackTestApp.StartAsync(new() { ["Slack:AllowedResponseHosts:1"] = "https://example.org/hooks" }));

        Assert.Contains(error.Failures, f => f.Contains("Slack:AllowedResponseHosts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_replayed_command_is_refused_with_401_and_counted_while_a_fresh_one_is_answered()
    {
        await using var app = await SlackTestApp.StartAsync();
        using var rejected = new RejectedRequests(app.App.Services);
        var timestamp = Signing.Now();
        var form = CommandForm("/who", "betssy chavez");

        var (first, _, _) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, form, timestamp: timestamp));
        var (replayed, replayBody, _) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, form, timestamp: timestamp));
        var (later, _, _) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, form, timestamp: (long.Parse(timestamp, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed);
        Assert.Empty(replayBody);
        Assert.Equal(HttpStatusCode.OK, later); // Slack signs every delivery afresh: a new timestamp is a new request
        Assert.Equal(1, rejected["replay"]);
    }

    [Fact]
    public async Task A_button_press_holding_a_lone_surrogate_is_refused_with_400_and_a_clear_log_line()
    {
        var logs = new LogEntries();
        await using var hook = await FakeResponseUrl.StartAsync();
        await using var app = await SlackTestApp.StartAsync(logs: logs);
        var payload = BlockActions("t|2", "page:next:en", hook.Url, DateTimeOffset.UtcNow).Replace("\"id\":\"T1\"", "\"id\":\"T1\\ud800\"", StringComparison.Ordinal);
        Assert.Contains("\\ud800", payload, StringComparison.Ordinal);

        var (status, _, _) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.InteractionsPath, Signing.Form(("payload", payload))));
        await Task.Delay(200);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(hook.Posts.Reader.TryRead(out _));
        Assert.Contains(logs.Entries, e => e.Message.Contains("not valid Unicode", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task An_interaction_whose_payload_is_not_json_is_rejected_with_400()
    {
        await using var app = await SlackTestApp.StartAsync();

        var (status, _, _) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.InteractionsPath, Signing.Form(("payload", "{not json"))));

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task An_unsigned_button_press_is_rejected_with_401_and_nothing_is_posted()
    {
        await using var hook = await FakeResponseUrl.StartAsync();
        await using var app = await SlackTestApp.StartAsync();
        var payload = BlockActions("t|2", "page:next:en", hook.Url, DateTimeOffset.UtcNow);

        var (status, _, _) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.InteractionsPath, Signing.Form(("payload", payload)), secret: "forged-secret-forged-secret"));
        await Task.Delay(200);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.False(hook.Posts.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Without_a_signing_secret_the_endpoints_are_not_mapped()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSlackAdapter(builder.Configuration);
        await using var app = builder.Build();
        app.MapSlackEndpoints();

        Assert.Null(app.Services.GetService<IOptions<SlackOptions>>()?.Value.SigningSecret);
        Assert.Empty(((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints));
        Assert.Empty(app.Services.GetServices<IHostedService>().OfType<SocketMode.SocketModeWorker>());
    }

    [Fact]
    public async Task Bad_settings_stop_the_host_at_start_listing_every_problem()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "short",
            ["Slack:AppToken"] = "xoxb-wrong-kind",
            ["Slack:ResponseType"] = "everyone",
            ["Slack:CommandResponseTypes:weather"] = "in_channel",
        });
        builder.Services.AddSingleton<IFactStore>(new FixedFactStore(TestFacts.Real));
        builder.Services.AddSingleton<Bot.Core.Querying.QueryEngine>();
        builder.Services.AddSlackAdapter(builder.Configuration);
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Equal(4, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("SigningSecret", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("AppToken", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Slack:ResponseType", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("weather", StringComparison.Ordinal));
    }

    internal static string BlockActions(string value, string actionId, Uri responseUrl, DateTimeOffset messageTime) => JsonSerializer.Serialize(new
    {
        type = "block_actions",
        user = new { id = "U1", username = "someone", team_id = "T1" },
        api_app_id = "A1",
        token = "deprecated",
        container = new { type = "message", message_ts = messageTime.ToUnixTimeSeconds() + ".000200", channel_id = "C1", is_ephemeral = false },
        trigger_id = "1.2.3",
        team = new { id = "T1", domain = "example" },
        channel = new { id = "C1", name = "general" },
        response_url = responseUrl.AbsoluteUri,
        actions = new[] { new { action_id = actionId, block_id = "paging", value, type = "button", action_ts = "1.2" } },
    });

    private sealed class BrokenStore : IFactStore
    {
        public FactBase Current => throw new InvalidOperationException("the store is broken on purpose");
    }
}
