using System.Text.Json.Nodes;
using Bot.App.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bot.App.Tests;

/// <summary>
/// The two halves of issue 18 together, through the running host: with the facts served from a git branch (a local
/// bare repository over file://), a moderator's event added from a Discord modal becomes a commit on that branch with
/// the moderator as author, and the live answers show it at once; a broken edit makes no commit.
/// </summary>
public sealed class ChatEditToGitTests : IDisposable
{
    private const string Moderator = "53908232506183680";
    private const string KnownSourceUrl = "https://larepublica.pe/politica/2025/11/09/encargada-de-la-embajada-de-mexico-en-peru-abandono-el-pais-tras-asilo-diplomatico-a-betssy-chavez-hnews-215901";

    private static readonly string ModeratorMember = SignedDiscord.Member(Moderator, "8192");
    private static readonly string MemberOnly = SignedDiscord.Member("99", "2048", "Mallory");

    private readonly GitFactRepo _repo = new();
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-edit-git-data-");
    private readonly SignedDiscord _discord = new();
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;

    public ChatEditToGitTests()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Facts:Git:Url", _repo.Url);
            builder.UseSetting("Facts:Git:PollInterval", "1.00:00:00"); // the write itself must make the change live
            builder.UseSetting("Storage:DataPath", _data.FullName);
            builder.UseSetting("Discord:PublicKey", _discord.PublicKeyHex);
        });
        _client = _factory.CreateClient();
    }

    private static Dictionary<string, string> NewEvent(string date) => new()
    {
        ["date"] = date,
        ["title"] = "Test event committed from chat",
        ["summary"] = "A summary typed in a Discord modal by a moderator and committed to the fact repository.",
        ["sources"] = KnownSourceUrl,
        ["people"] = "betssy-chavez",
    };

    [Fact]
    public async Task An_event_added_from_a_modal_becomes_a_commit_by_the_moderator_and_the_live_answer_shows_it()
    {
        var preview = await InteractAsync(SignedDiscord.ModalSubmit(ModeratorMember, "facts-edit:add-event", NewEvent("2026-03-01")));
        Assert.Single(_repo.Log()); // nothing is committed before Confirm

        var saved = await InteractAsync(SignedDiscord.Button(ModeratorMember, SignedDiscord.Buttons(preview)[0]));

        Assert.Equal(7, (int)saved["type"]!);
        var commits = _repo.Log();
        Assert.Equal(2, commits.Count);
        var commit = commits[0];
        Assert.Equal("Ana Moderadora", commit.AuthorName);
        Assert.Equal($"{Moderator}@discord.users.noreply", commit.AuthorEmail);
        Assert.StartsWith("Add event 2026-03-01 Test event committed from chat (from Discord by Ana Moderadora)", commit.Message, StringComparison.Ordinal);
        Assert.Equal([_repo.First], commit.Parents);
        Assert.Contains("id: 2026-03-01-test-event-committed-from-chat\n", _repo.TextAtTip("facts/events/2026-03-01-test-event-committed-from-chat.yaml"), StringComparison.Ordinal);

        var timeline = await InteractAsync(SignedDiscord.Command(MemberOnly, """[{"name":"from","type":3,"value":"2026-03-01"},{"name":"to","type":3,"value":"2026-03-01"}]""")
            .Replace("\"name\":\"facts\"", "\"name\":\"timeline\"", StringComparison.Ordinal));
        var text = timeline.ToJsonString();
        Assert.Contains("Test event committed from chat", text, StringComparison.Ordinal);
        Assert.Contains($"version {GitFactRepo.Short(commit.Sha)}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_edit_makes_no_commit()
    {
        var refused = await InteractAsync(SignedDiscord.ModalSubmit(ModeratorMember, "facts-edit:add-event", NewEvent("2026-02-30")));

        Assert.Contains("is not a valid date", refused.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SignedDiscord.Buttons(refused), b => b.StartsWith("facts-edit:confirm", StringComparison.Ordinal));
        Assert.Single(_repo.Log());
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _repo.Dispose();
        foreach (var file in _data.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            file.Attributes = FileAttributes.Normal; // the clones' git objects are read-only
        }

        _data.Delete(recursive: true);
    }

    private Task<JsonObject> InteractAsync(string body) => _discord.InteractAsync(_client, body, DateTimeOffset.UtcNow);
}
