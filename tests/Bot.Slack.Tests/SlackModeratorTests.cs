using System.Net;
using System.Text.Json;
using Bot.Core.Facts;
using Bot.Core.Loading;
using Microsoft.Extensions.DependencyInjection;

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
        ("team_id", "T1"), ("channel_id", "C1"), ("user_id", userId), ("command", "/facts"), ("text", text), ("response_url", "https://hooks.slack.com/commands/T1/1/x"));

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
}
