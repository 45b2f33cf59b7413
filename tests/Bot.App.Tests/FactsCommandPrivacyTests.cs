using Bot.App.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bot.App.Tests;

/// <summary>
/// A moderator's /facts status, check and reload through the running host (Slack, signed): the answer goes to the
/// moderator alone and names files relative to the fact folder, never the server's paths.
/// </summary>
public sealed class FactsCommandPrivacyTests : IDisposable
{
    private const string Secret = "facts-privacy-test-signing-secret";

    private readonly DirectoryInfo _facts = Directory.CreateTempSubdirectory("bot-privacy-facts-");
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-privacy-data-");

    public FactsCommandPrivacyTests()
    {
        foreach (var file in Directory.EnumerateFiles(Repo.Facts, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_facts.FullName, Path.GetRelativePath(Repo.Facts, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Theory]
    [InlineData("status")]
    [InlineData("check")]
    [InlineData("reload")]
    public async Task A_moderators_facts_answer_is_ephemeral_and_shows_no_absolute_path(string action)
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Facts:Path", _facts.FullName);
            builder.UseSetting("Facts:Watch", "false");
            builder.UseSetting("Storage:DataPath", _data.FullName);
            builder.UseSetting("Slack:SigningSecret", Secret);
            builder.UseSetting("Slack:ModeratorUserIds:0", "UMOD");
        });
        using var client = factory.CreateClient();
        // a file with an error, so status/reload list the refused load's diagnostics and check lists them too
        await File.AppendAllTextAsync(Path.Combine(_facts.FullName, "people", "jose-jeri.yaml"), "\nnot_a_field: 1\n");
        await SignedSlack.CommandAsync(client, Secret, "UMOD", "/facts", "reload");

        var answer = await SignedSlack.CommandAsync(client, Secret, "UMOD", "/facts", action);

        Assert.Equal("ephemeral", answer.GetProperty("response_type").GetString());
        var text = answer.GetRawText();
        Assert.Contains("people/jose-jeri.yaml:", text, StringComparison.Ordinal);
        Assert.DoesNotContain(_facts.FullName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _facts.Delete(recursive: true);
        _data.Delete(recursive: true);
    }
}
