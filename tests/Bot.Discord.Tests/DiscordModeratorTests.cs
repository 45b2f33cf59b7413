using System.Net;
using System.Text.Json.Nodes;
using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Discord.Registration;
using Bot.Discord.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Discord.Tests;

/// <summary>/facts is registered for members with Manage Messages and checked again on every use.</summary>
public sealed class DiscordModeratorTests
{
    private sealed class FakeAdmin(FactBase facts) : IFactAdmin
    {
        public int Reloads { get; private set; }

        public FactAdminStatus Status() => new(facts, "/facts", [], Reloaded: false);

        public FactAdminStatus Reload()
        {
            Reloads++;
            return new FactAdminStatus(facts, "/facts", [], Reloaded: true);
        }

        public FactLoadReport Check() => new(facts, []);
    }

    private static string Facts(string memberJson) => $$$"""
        {"type":2,"id":"{{{Payloads.NewId()}}}","application_id":"123456789012345678","token":"t0k3n","version":1,
         "guild_id":"290926798626357999","channel_id":"645027906669510667","locale":"en-US",
         "member":{{{memberJson}}},
         "data":{"id":"771825006014889984","name":"facts","type":1,"options":[{"name":"action","type":3,"value":"reload"}]}}
        """;

    private static async Task<(DiscordTestHost Host, FakeAdmin Admin)> StartAsync()
    {
        var facts = TestFacts.Real;
        var admin = new FakeAdmin(facts);
        var store = new FixedFactStore(facts);
        var host = await DiscordTestHost.StartAsync(store, new Dictionary<string, string?> { ["Discord:ModeratorRoleIds:0"] = "777" }, configure: s => s.AddSingleton<IFactAdmin>(admin));
        return (host, admin);
    }

    [Theory]
    [InlineData("""{"user":{"id":"1"},"permissions":"8192","roles":[]}""")]      // Manage Messages
    [InlineData("""{"user":{"id":"1"},"permissions":"8","roles":[]}""")]         // Administrator
    [InlineData("""{"user":{"id":"1"},"permissions":"0","roles":["777"]}""")]    // a configured moderator role
    public async Task A_moderator_can_reload_the_facts(string member)
    {
        var (host, admin) = await StartAsync();
        await using var _ = host;

        var response = await host.InteractAsync(Facts(member));

        Assert.Equal(1, admin.Reloads);
        Assert.Contains("Fact base reload", response.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"user":{"id":"1"},"permissions":"2048","roles":["123"]}""")] // Send Messages only
    [InlineData("""{"user":{"id":"1"}}""")]
    public async Task Anyone_else_gets_an_ephemeral_refusal_and_nothing_happens(string member)
    {
        var (host, admin) = await StartAsync();
        await using var _ = host;

        var response = await host.InteractAsync(Facts(member));

        Assert.Equal(0, admin.Reloads);
        Assert.Equal(64, (int)response["data"]!["flags"]!);
        Assert.Contains("Only moderators can do that", response.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_command_with_a_forged_signature_is_refused_before_any_permission_is_read()
    {
        var (host, admin) = await StartAsync();
        await using var _ = host;
        var body = Facts("""{"user":{"id":"1"},"permissions":"8","roles":[]}""");

        using var response = await host.PostAsync(body, new TestKeys().Sign(TestKeys.Timestamp(DiscordTestHost.Now), body), TestKeys.Timestamp(DiscordTestHost.Now));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, admin.Reloads);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("check")]
    [InlineData("reload")]
    public async Task A_moderators_facts_answer_is_private_and_names_no_server_path(string action)
    {
        var facts = TestFacts.Real;
        var issue = new FactIssue("people/x.yaml", 3, 5, FactIssueSeverity.Error, "missing 'name'");
        var admin = new ServerAdmin(facts, "/srv/bot-data/facts", issue);
        await using var host = await DiscordTestHost.StartAsync(new FixedFactStore(facts), configure: s => s.AddSingleton<IFactAdmin>(admin));
        var body = Facts("""{"user":{"id":"1"},"permissions":"8192","roles":[]}""")
            .Replace("\"value\":\"reload\"", $"\"value\":\"{action}\"", StringComparison.Ordinal);

        var response = await host.InteractAsync(body);

        Assert.Equal(64, (int)response["data"]!["flags"]!); // ephemeral: only the moderator who asked sees it
        var json = response.ToJsonString();
        Assert.Contains("people/x.yaml:3:5: error: missing", json, StringComparison.Ordinal);
        Assert.DoesNotContain("/srv", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_facts_command_is_registered_for_members_with_manage_messages_in_servers_only()
    {
        var facts = DiscordCommands.Build().OfType<JsonObject>().Single(c => (string?)c["name"] == "facts");

        Assert.Equal("8192", (string?)facts["default_member_permissions"]);
        Assert.Equal(0, (int)facts["contexts"]![0]!);
        var action = facts["options"]!.AsArray().OfType<JsonObject>().Single(o => (string?)o["name"] == "action");
        Assert.Contains(action["choices"]!.AsArray(), c => (string?)c!["value"] == "reload");
    }

    /// <summary>An admin whose fact folder is an absolute server path and whose last load (or check) found one error.</summary>
    private sealed class ServerAdmin(FactBase facts, string folder, FactIssue issue) : IFactAdmin
    {
        public FactAdminStatus Status() => new(facts, folder, [issue], Reloaded: false);

        public FactAdminStatus Reload() => new(facts, folder, [issue], Reloaded: false);

        public FactLoadReport Check() => new(null, [issue]);
    }
}
