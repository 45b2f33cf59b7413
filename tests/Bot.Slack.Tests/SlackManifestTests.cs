using System.Text.Json;
using Bot.Core.Commands;

namespace Bot.Slack.Tests;

public sealed class SlackManifestTests
{
    [Fact]
    public void The_manifest_declares_every_catalog_command_with_its_description_usage_hint_and_url()
    {
        using var manifest = JsonDocument.Parse(SlackManifest.Render("https://bot.example.org/", socketMode: false));
        var commands = manifest.RootElement.GetProperty("features").GetProperty("slash_commands").EnumerateArray().ToList();

        Assert.Equal(CommandCatalog.All.Select(c => "/" + c.Name), commands.Select(c => c.GetProperty("command").GetString()));
        foreach (var (entry, definition) in commands.Zip(CommandCatalog.All))
        {
            var command = entry.GetProperty("command").GetString()!;
            Assert.InRange(command.Length, 2, 32);
            Assert.StartsWith("/", command, StringComparison.Ordinal);
            Assert.Equal(definition.Description.En, entry.GetProperty("description").GetString());
            Assert.InRange(entry.GetProperty("description").GetString()!.Length, 1, 2000);
            Assert.Equal("https://bot.example.org/slack/commands", entry.GetProperty("url").GetString());
            if (entry.TryGetProperty("usage_hint", out var hint))
            {
                Assert.InRange(hint.GetString()!.Length, 1, 1000);
            }
        }

        var who = commands.Single(c => c.GetProperty("command").GetString() == "/who");
        Assert.Equal("<name>", who.GetProperty("usage_hint").GetString());
    }

    [Fact]
    public void The_manifest_asks_only_for_the_commands_scope_and_points_interactivity_at_the_interactions_endpoint()
    {
        using var manifest = JsonDocument.Parse(SlackManifest.Render("https://bot.example.org/slack/commands", socketMode: false));
        var root = manifest.RootElement;

        Assert.Equal(["commands"], root.GetProperty("oauth_config").GetProperty("scopes").GetProperty("bot").EnumerateArray().Select(s => s.GetString()));
        var settings = root.GetProperty("settings");
        Assert.True(settings.GetProperty("interactivity").GetProperty("is_enabled").GetBoolean());
        Assert.Equal("https://bot.example.org/slack/interactions", settings.GetProperty("interactivity").GetProperty("request_url").GetString());
        Assert.False(settings.GetProperty("socket_mode_enabled").GetBoolean());
        Assert.InRange(root.GetProperty("display_information").GetProperty("name").GetString()!.Length, 1, 35);
    }

    [Fact]
    public void A_socket_mode_manifest_needs_no_public_url()
    {
        using var manifest = JsonDocument.Parse(SlackManifest.Render(null, socketMode: true));
        var root = manifest.RootElement;

        Assert.True(root.GetProperty("settings").GetProperty("socket_mode_enabled").GetBoolean());
        Assert.False(root.GetProperty("settings").GetProperty("interactivity").TryGetProperty("request_url", out _));
        Assert.All(root.GetProperty("features").GetProperty("slash_commands").EnumerateArray(), c => Assert.False(c.TryGetProperty("url", out _)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://bot.example.org")]
    [InlineData("bot.example.org")]
    [InlineData("https://bot.example.org/?x=1")]
    public void Without_socket_mode_the_manifest_needs_a_public_https_url(string? url) =>
        Assert.Throws<ArgumentException>(() => SlackManifest.Render(url, socketMode: false));
}
