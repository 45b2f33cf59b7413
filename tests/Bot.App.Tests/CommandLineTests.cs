using System.Text.Json;
using Bot.App.Tests.Support;

namespace Bot.App.Tests;

/// <summary>The <c>bot</c> command line, run as a separate process from the repository root.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Ask_who_prints_who_she_is_with_numbered_https_sources()
    {
        var (exit, output, _) = await BotProcess.RunAsync(Repo.Root, "ask", "/who betssy-chavez");

        Assert.Equal(0, exit);
        Assert.StartsWith("Betssy Chávez" + Environment.NewLine, output, StringComparison.Ordinal);
        Assert.Contains("Betssy Betzabet Chávez Chino", output, StringComparison.Ordinal);
        Assert.Contains("Where things stand", output, StringComparison.Ordinal);
        Assert.Contains("  [1] ", output, StringComparison.Ordinal);
        Assert.Contains("      https://", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_timeline_prints_dated_events_and_the_command_for_the_next_page()
    {
        var (exit, output, _) = await BotProcess.RunAsync(Repo.Root, "ask", "/timeline from:2025-11-01");

        Assert.Equal(0, exit);
        Assert.Contains("3 November 2025 — ", output, StringComparison.Ordinal);
        Assert.Contains("Sources differ on the date", output, StringComparison.Ordinal);
        Assert.Contains("next: /timeline from:2025-11-01 page:2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_quote_prints_verbatim_quotes_with_their_source()
    {
        var (exit, output, _) = await BotProcess.RunAsync(Repo.Root, "ask", "/quote sheinbaum embajada");

        Assert.Equal(0, exit);
        Assert.StartsWith("Quotes by Claudia Sheinbaum", output, StringComparison.Ordinal);
        Assert.Contains("“", output, StringComparison.Ordinal);
        Assert.Contains("https://", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/sources", "Sources")]
    [InlineData("/help", "What I can answer")]
    public async Task Ask_answers_sources_and_help(string command, string title)
    {
        var (exit, output, _) = await BotProcess.RunAsync(Repo.Root, "ask", command);

        Assert.Equal(0, exit);
        Assert.StartsWith(title, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_for_an_unknown_person_still_exits_0_with_suggestions()
    {
        var (exit, output, _) = await BotProcess.RunAsync(Repo.Root, "ask", "/who zzyzx");

        Assert.Equal(0, exit);
        Assert.Contains("No one called “zzyzx”", output, StringComparison.Ordinal);
        Assert.Contains("/who ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_with_json_format_prints_the_answer_as_json()
    {
        var (exit, output, _) = await BotProcess.RunAsync(Repo.Root, "ask", "/who jeri", "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("found", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("José Jerí", json.RootElement.GetProperty("title").GetString());
        Assert.StartsWith("https://", json.RootElement.GetProperty("citations")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_with_html_format_prints_one_self_contained_page_with_the_discord_and_slack_messages_in_spanish()
    {
        var (exit, output, _) = await BotProcess.RunAsync(Repo.Root, "ask", "/who jeri", "--format", "html", "--locale", "es");

        Assert.Equal(0, exit);
        Assert.StartsWith("<!DOCTYPE html>", output, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"es\">", output, StringComparison.Ordinal);
        Assert.Contains("<title>Vista previa: José Jerí</title>", output, StringComparison.Ordinal);
        Assert.Contains("<section class=\"panel discord\"", output, StringComparison.Ordinal);
        Assert.Contains("<section class=\"panel slack\"", output, StringComparison.Ordinal);
        Assert.Contains(">Fuentes<", output, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://", output, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ask_help_describes_the_html_preview()
    {
        var (exit, output, _) = await BotProcess.RunAsync(Repo.Root, "ask", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("html (one self-contained page showing the Discord and Slack messages", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_in_spanish_uses_spanish_wording()
    {
        var (exit, output, _) = await BotProcess.RunAsync(Repo.Root, "ask", "/who betssy-chavez", "--locale", "es");

        Assert.Equal(0, exit);
        Assert.Contains("Situación actual", output, StringComparison.Ordinal);
        Assert.Contains("Fuentes", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ask")]
    [InlineData("ask", "/who x", "--format", "pdf")]
    [InlineData("ask", "/weather")]
    [InlineData("frobnicate")]
    public async Task A_usage_error_exits_2_with_a_message(params string[] args)
    {
        var (exit, output, error) = await BotProcess.RunAsync(Repo.Root, args);

        Assert.Equal(2, exit);
        Assert.NotEmpty(output + error);
    }

    [Fact]
    public async Task Ask_finds_the_bundled_facts_from_any_working_directory()
    {
        var (exit, output, _) = await BotProcess.RunAsync(Path.GetTempPath(), "ask", "/who sheinbaum");

        Assert.Equal(0, exit);
        Assert.StartsWith("Claudia Sheinbaum", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facts_validate_passes_on_the_real_facts()
    {
        var (exit, output, _) = await BotProcess.RunAsync(Repo.Root, "facts", "validate");

        Assert.Equal(0, exit);
        Assert.Contains("valid", output, StringComparison.Ordinal);
        Assert.Matches(@"\d+ synonym groups and \d+ phrases for /ask", output);
    }

    [Fact]
    public async Task Facts_validate_reports_a_broken_file_with_its_location_and_exits_1()
    {
        var folder = Directory.CreateTempSubdirectory("bot-broken-facts-");
        try
        {
            CopyDirectory(Repo.Facts, folder.FullName);
            var file = Path.Combine(folder.FullName, "people", "jose-jeri.yaml");
            File.WriteAllText(file, File.ReadAllText(file).Replace("id: jose-jeri", "id: jose-jeri\nshoe_size: 42", StringComparison.Ordinal));

            var (exit, _, error) = await BotProcess.RunAsync(folder.FullName, "facts", "validate", ".");

            Assert.Equal(1, exit);
            Assert.Contains("./people/jose-jeri.yaml:2:1: error: unknown key 'shoe_size'", error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Theory]
    [InlineData(false, false, new[] { "commands" })]
    [InlineData(true, false, new[] { "commands", "usergroups:read" })]  // Slack:ModeratorUserGroupId is set
    [InlineData(false, true, new[] { "commands", "usergroups:read" })]  // --moderator-group
    public async Task The_slack_manifest_asks_for_usergroups_read_when_moderators_are_a_user_group(bool groupConfigured, bool flag, string[] scopes)
    {
        var environment = new Dictionary<string, string?> { ["Slack__ModeratorUserGroupId"] = groupConfigured ? "S0123ABCD" : null };
        string[] args = flag ? ["slack", "manifest", "--socket-mode", "--moderator-group"] : ["slack", "manifest", "--socket-mode"];

        var (exit, output, _) = await BotProcess.RunAsync(Repo.Root, environment, args);

        Assert.Equal(0, exit);
        using var manifest = JsonDocument.Parse(output);
        Assert.Equal(scopes, manifest.RootElement.GetProperty("oauth_config").GetProperty("scopes").GetProperty("bot").EnumerateArray().Select(s => s.GetString()));
    }
}
