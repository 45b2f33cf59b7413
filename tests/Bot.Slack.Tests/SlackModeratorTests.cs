using System.Net;
using System.Text.Json;
using Bot.Core.Loading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Slack.Tests;

/// <summary>/facts is for the moderators listed in Slack:ModeratorUserIds; everyone else is refused politely.</summary>
public sealed class SlackModeratorTests
{
    private sealed class FakeAdmin : IFactAdmin
    {
        public int Reloads { get; private set; }

        public FactAdminStatus Status() => new(TestFacts.Real, "/facts", [], Reloaded: false);

        public FactAdminStatus Reload()
        {
            Reloads++;
            return new FactAdminStatus(TestFacts.Real, "/facts", [], Reloaded: true);
        }

        public FactLoadReport Check() => new(TestFacts.Real, []);
    }

    private static string Form(string userId, string text) => Signing.Form(
        ("team_id", "T1"), ("channel_id", "C1"), ("user_id", userId), ("command", "/facts"), ("text", text), ("response_url", "https://hooks.slack.com/commands/T1/1/x"),
        ("trigger_id", Signing.NewTriggerId())); // Slack sends a fresh one with every command: no two are the same request

    private static async Task<(HttpStatusCode Status, JsonDocument? Json)> PostAsync(SlackTestApp app, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await app.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, body.Length > 0 ? JsonDocument.Parse(body) : null);
        }
    }

    private static Task<SlackTestApp> StartAsync(FakeAdmin admin) => SlackTestApp.StartAsync(
        new() { ["Slack:ModeratorUserIds:0"] = "UMOD" },
        configure: services => services.AddSingleton<IFactAdmin>(admin));

    [Fact]
    public async Task A_listed_moderator_can_reload_the_facts()
    {
        var admin = new FakeAdmin();
        await using var app = await StartAsync(admin);

        var (status, json) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, Form("UMOD", "reload")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, admin.Reloads);
        Assert.Contains("Fact base reload", json!.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anyone_else_gets_a_private_polite_refusal_and_nothing_happens()
    {
        var admin = new FakeAdmin();
        await using var app = await StartAsync(admin);

        var (status, json) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, Form("UOTHER", "reload")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, admin.Reloads);
        Assert.Equal("ephemeral", json!.RootElement.GetProperty("response_type").GetString());
        Assert.Contains("Only moderators can do that", json.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_command_with_a_forged_signature_is_refused_before_any_permission_is_read()
    {
        var admin = new FakeAdmin();
        await using var app = await StartAsync(admin);

        var (status, json) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, Form("UMOD", "reload"), secret: "not-the-signing-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Null(json);
        Assert.Equal(0, admin.Reloads);
    }

    [Fact]
    public async Task Members_of_the_moderator_user_group_are_moderators_and_the_group_is_read_once()
    {
        var calls = 0;
        string? authorization = null;
        await using var api = await FakeApiAsync(async http =>
        {
            Interlocked.Increment(ref calls);
            authorization = http.Request.Headers.Authorization;
            await http.Response.WriteAsJsonAsync(new { ok = true, users = new[] { "UGROUP" } });
        });
        var admin = new FakeAdmin();
        await using var app = await StartWithGroupAsync(api, admin);

        var (_, member) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, Form("UGROUP", "reload")));
        var (_, again) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, Form("UGROUP", "reload")));
        var (_, outsider) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, Form("UOTHER", "reload")));

        Assert.Equal(2, admin.Reloads);
        Assert.Contains("Fact base reload", member!.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Fact base reload", again!.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Only moderators can do that", outsider!.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(1, calls);
        Assert.Equal("Bearer xoxb-test-token", authorization);
    }

    [Fact]
    public async Task A_user_group_read_that_slack_refuses_for_a_moment_is_tried_again_and_the_member_is_a_moderator()
    {
        var (api, calls) = await FailingOnceAsync(StatusCodes.Status503ServiceUnavailable, retryAfter: "0");
        await using var stopApi = api;
        var admin = new FakeAdmin();
        await using var app = await StartWithGroupAsync(api, admin);

        var (_, json) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, Form("UGROUP", "reload")));

        Assert.Equal(1, admin.Reloads);
        Assert.Contains("Fact base reload", json!.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(2, calls());
    }

    [Fact]
    public async Task A_long_rate_limit_on_the_user_group_is_not_waited_out_and_the_next_command_reads_it_again()
    {
        var (api, calls) = await FailingOnceAsync(StatusCodes.Status429TooManyRequests, retryAfter: "30");
        await using var stopApi = api;
        var admin = new FakeAdmin();
        await using var app = await StartWithGroupAsync(api, admin);

        var (_, refused) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, Form("UGROUP", "reload")));
        var (_, accepted) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, Form("UGROUP", "reload")));

        Assert.Contains("Only moderators can do that", refused!.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Fact base reload", accepted!.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(1, admin.Reloads);
        Assert.Equal(2, calls());
    }

    /// <summary>A Slack API whose first usergroups.users.list answers <paramref name="status"/> (an HTML body, as a proxy would), then UGROUP.</summary>
    private static async Task<(WebApplication Api, Func<int> Calls)> FailingOnceAsync(int status, string retryAfter)
    {
        var calls = 0;
        var api = await FakeApiAsync(async http =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                http.Response.StatusCode = status;
                http.Response.Headers.RetryAfter = retryAfter;
                await http.Response.WriteAsync("<html>unavailable</html>");
                return;
            }

            await http.Response.WriteAsJsonAsync(new { ok = true, users = new[] { "UGROUP" } });
        });
        return (api, () => Volatile.Read(ref calls));
    }

    private static Task<SlackTestApp> StartWithGroupAsync(WebApplication api, FakeAdmin admin) => SlackTestApp.StartAsync(
        new()
        {
            ["Slack:ModeratorUserGroupId"] = "S0MODS",
            ["Slack:BotToken"] = "xoxb-test-token",
            ["Slack:ApiBaseUrl"] = api.Urls.First() + "/api",
        },
        configure: services => services.AddSingleton<IFactAdmin>(admin));

    [Fact]
    public async Task When_the_user_group_cannot_be_read_nobody_outside_the_listed_ids_is_a_moderator()
    {
        await using var api = await FakeApiAsync(http => http.Response.WriteAsJsonAsync(new { ok = false, error = "missing_scope" }));
        var admin = new FakeAdmin();
        await using var app = await StartWithGroupAsync(api, admin);

        var (status, json) = await PostAsync(app, Signing.SignedForm(SlackEndpoints.CommandsPath, Form("UGROUP", "reload")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, admin.Reloads);
        Assert.Contains("Only moderators can do that", json!.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    private static async Task<WebApplication> FakeApiAsync(RequestDelegate usergroupsUsersList)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var api = builder.Build();
        api.MapGet("/api/usergroups.users.list", usergroupsUsersList);
        await api.StartAsync();
        return api;
    }
}
