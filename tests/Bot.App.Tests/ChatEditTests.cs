using System.Text.Json.Nodes;
using Bot.App.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.App.Tests;

/// <summary>
/// Editing the facts from Discord, end to end through the running host with signed requests: /facts add-event opens a
/// modal, its submission is validated by the loader and previewed privately, Confirm writes the file and the live
/// answers show it at once. Broken edits and anyone but a moderator change nothing.
/// </summary>
public sealed class ChatEditTests : IDisposable
{
    private const string Moderator = "53908232506183680";
    private const string KnownSourceUrl = "https://larepublica.pe/politica/2025/11/09/encargada-de-la-embajada-de-mexico-en-peru-abandono-el-pais-tras-asilo-diplomatico-a-betssy-chavez-hnews-215901";

    private static readonly string ModeratorMember = SignedDiscord.Member(Moderator, "8192");
    private static readonly string MemberOnly = SignedDiscord.Member("99", "2048", "Mallory");

    private readonly DirectoryInfo _facts = Directory.CreateTempSubdirectory("bot-edit-facts-");
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-edit-data-");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly SignedDiscord _discord = new();
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;

    public ChatEditTests()
    {
        Repo.CopyFactsTo(_facts.FullName);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Facts:Path", _facts.FullName);
            builder.UseSetting("Facts:Watch", "false"); // the write itself must make the change live
            builder.UseSetting("Storage:DataPath", _data.FullName);
            builder.UseSetting("Discord:PublicKey", _discord.PublicKeyHex);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));
        });
        _client = _factory.CreateClient();
    }

    private static Dictionary<string, string> NewEvent(string date = "2026-03-01") => new()
    {
        ["date"] = date,
        ["title"] = "Test event written from chat",
        ["summary"] = "A summary typed in a Discord modal by a moderator, with *stars* and @everyone that must not ping.",
        ["sources"] = KnownSourceUrl,
        ["people"] = "betssy-chavez, Hugo de Zela",
    };

    private string EventFile(string date = "2026-03-01") => Path.Combine(_facts.FullName, "events", $"{date}-test-event-written-from-chat.yaml");

    [Fact]
    public async Task A_moderator_adds_an_event_through_a_modal_a_preview_and_confirm_and_the_live_answer_shows_it()
    {
        var modal = await InteractAsync(SignedDiscord.Command(ModeratorMember, """[{"name":"action","type":3,"value":"add-event"}]"""));
        Assert.Equal(9, (int)modal["type"]!);
        Assert.Equal("facts-edit:add-event", (string?)modal["data"]!["custom_id"]);
        Assert.Equal(["date", "title", "summary", "sources", "people"], Inputs(modal).Select(i => (string)i["custom_id"]!));

        var preview = await InteractAsync(SignedDiscord.ModalSubmit(ModeratorMember, "facts-edit:add-event", NewEvent()));
        Assert.Equal(4, (int)preview["type"]!);
        Assert.Equal(64, (int)preview["data"]!["flags"]!); // only the moderator sees the preview
        Assert.Empty(preview["data"]!["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Contains("Test event written from chat", Text(preview), StringComparison.Ordinal);
        Assert.False(File.Exists(EventFile()), "nothing is written before Confirm");
        var buttons = SignedDiscord.Buttons(preview);
        Assert.StartsWith("facts-edit:confirm", buttons[0], StringComparison.Ordinal);
        Assert.StartsWith("facts-edit:cancel", buttons[1], StringComparison.Ordinal);

        var saved = await InteractAsync(SignedDiscord.Button(ModeratorMember, buttons[0]));

        Assert.Equal(7, (int)saved["type"]!); // the preview is replaced by the receipt
        Assert.Contains("Add event 2026-03-01 Test event written from chat (from Discord by Ana Moderadora)", Text(saved), StringComparison.Ordinal);
        var written = await File.ReadAllTextAsync(EventFile());
        Assert.Contains("id: 2026-03-01-test-event-written-from-chat\n", written, StringComparison.Ordinal);
        Assert.Contains("people: [betssy-chavez, hugo-de-zela]\n", written, StringComparison.Ordinal);
        var timeline = await InteractAsync(Payload("timeline", """[{"name":"from","type":3,"value":"2026-03-01"},{"name":"to","type":3,"value":"2026-03-01"}]""", MemberOnly));
        Assert.Contains("Test event written from chat", Text(timeline), StringComparison.Ordinal);

        var history = await InteractAsync(SignedDiscord.Command(ModeratorMember, """[{"name":"action","type":3,"value":"history"}]"""));
        Assert.Contains("Add event 2026-03-01 Test event written from chat (from Discord by Ana Moderadora)", Text(history), StringComparison.Ordinal);
        Assert.Equal(64, (int)history["data"]!["flags"]!);
    }

    [Fact]
    public async Task A_broken_edit_is_refused_with_the_loaders_diagnostic_never_written_and_the_form_reopens_filled_in()
    {
        var refused = await InteractAsync(SignedDiscord.ModalSubmit(ModeratorMember, "facts-edit:add-event", NewEvent("2026-02-30")));

        var json = Text(refused);
        Assert.Contains("events/2026-02-30-test-event-written-from-chat.yaml:2:7: error: '2026-02-30' is not a valid date", json, StringComparison.Ordinal);
        Assert.False(File.Exists(EventFile("2026-02-30")));
        Assert.Empty(Directory.EnumerateFiles(_facts.FullName, "*.tmp", SearchOption.AllDirectories));
        var reopen = SignedDiscord.Buttons(refused).Single();
        Assert.StartsWith("facts-edit:reopen:", reopen, StringComparison.Ordinal);

        var modal = await InteractAsync(SignedDiscord.Button(ModeratorMember, reopen));

        Assert.Equal(9, (int)modal["type"]!);
        var values = Inputs(modal).ToDictionary(i => (string)i["custom_id"]!, i => (string?)i["value"]);
        Assert.Equal("2026-02-30", values["date"]);
        Assert.Equal(NewEvent()["summary"], values["summary"]);
    }

    [Fact]
    public async Task A_forged_submission_or_confirm_from_a_member_who_is_not_a_moderator_is_refused_and_nothing_is_written()
    {
        var forged = await InteractAsync(SignedDiscord.ModalSubmit(MemberOnly, "facts-edit:add-event", NewEvent()));
        Assert.Contains("Only moderators can do that", forged.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SignedDiscord.Buttons(forged), b => b.StartsWith("facts-edit:", StringComparison.Ordinal));

        var preview = await InteractAsync(SignedDiscord.ModalSubmit(ModeratorMember, "facts-edit:add-event", NewEvent()));
        var confirm = SignedDiscord.Buttons(preview)[0];
        var stolen = await InteractAsync(SignedDiscord.Button(MemberOnly, confirm));

        Assert.Contains("Only moderators can do that", stolen.ToJsonString(), StringComparison.Ordinal);
        Assert.False(File.Exists(EventFile()));
    }

    [Fact]
    public async Task A_preview_older_than_15_minutes_cannot_be_confirmed()
    {
        var preview = await InteractAsync(SignedDiscord.ModalSubmit(ModeratorMember, "facts-edit:add-event", NewEvent()));

        _clock.Advance(TimeSpan.FromMinutes(16));
        var late = await InteractAsync(SignedDiscord.Button(ModeratorMember, SignedDiscord.Buttons(preview)[0]));

        Assert.Contains("This preview has expired", late.ToJsonString(), StringComparison.Ordinal);
        Assert.StartsWith("facts-edit:reopen:", SignedDiscord.Buttons(late).Single(), StringComparison.Ordinal);
        Assert.False(File.Exists(EventFile()));
    }

    [Fact]
    public async Task Editing_a_summary_changes_that_line_only_and_a_quote_is_appended_without_reformatting_the_file()
    {
        var person = Path.Combine(_facts.FullName, "people", "betssy-chavez.yaml");
        var before = await File.ReadAllLinesAsync(person);
        var modal = await InteractAsync(SignedDiscord.Command(ModeratorMember, """[{"name":"action","type":3,"value":"edit"},{"name":"target","type":3,"value":"betssy-chavez"}]"""));
        var current = Inputs(modal).ToDictionary(i => (string)i["custom_id"]!, i => (string?)i["value"]);
        Assert.StartsWith("Peruvian politician", current["summary"], StringComparison.Ordinal);
        Assert.StartsWith("Still inside", current["status"], StringComparison.Ordinal);

        var edited = new Dictionary<string, string> { ["summary"] = "Peruvian politician \"quoted\" \\ with *stars* and @everyone, edited from chat.", ["status"] = current["status"]! };
        var preview = await InteractAsync(SignedDiscord.ModalSubmit(ModeratorMember, (string)modal["data"]!["custom_id"]!, edited));
        Assert.Contains("\\\\ with \\*stars\\* and @\u200Beveryone", (string)preview["data"]!["embeds"]![0]!["description"]!, StringComparison.Ordinal); // escaped as in every answer: no ping, no bold
        await InteractAsync(SignedDiscord.Button(ModeratorMember, SignedDiscord.Buttons(preview)[0]));

        var after = await File.ReadAllLinesAsync(person);
        Assert.Equal(before.Length, after.Length);
        Assert.Equal([.. before.Where(l => !l.StartsWith("summary:", StringComparison.Ordinal))], after.Where(l => !l.StartsWith("summary:", StringComparison.Ordinal)));
        var who = await InteractAsync(Payload("who", """[{"name":"name","type":3,"value":"betssy-chavez"}]""", MemberOnly));
        Assert.Contains("edited from chat.", Text(who), StringComparison.Ordinal);

        var quotes = Path.Combine(_facts.FullName, "quotes", "claudia-sheinbaum.yaml");
        var original = await File.ReadAllTextAsync(quotes);
        var quote = await InteractAsync(SignedDiscord.ModalSubmit(ModeratorMember, "facts-edit:add-quote", new Dictionary<string, string>
        {
            ["speaker"] = "Sheinbaum",
            ["date"] = "2026-03-02",
            ["text"] = "Test words typed in a modal",
            ["context"] = "A test quote.",
            ["source"] = KnownSourceUrl,
        }));
        await InteractAsync(SignedDiscord.Button(ModeratorMember, SignedDiscord.Buttons(quote)[0]));

        var appended = await File.ReadAllTextAsync(quotes);
        Assert.StartsWith(original, appended, StringComparison.Ordinal);
        Assert.Contains("  - id: sheinbaum-2026-03-02-test-words-typed-in\n    date: 2026-03-02\n    text: \"Test words typed in a modal\"\n", appended, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _facts.Delete(recursive: true);
        _data.Delete(recursive: true);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The response as JSON text with readable characters (only JSON's own escapes: \" and \\).</summary>
    private static string Text(JsonObject response) => response.ToJsonString(Readable);

    private Task<JsonObject> InteractAsync(string body) => _discord.InteractAsync(_client, body, _clock.GetUtcNow());

    private static string Payload(string command, string options, string member) =>
        SignedDiscord.Command(member, options).Replace("\"name\":\"facts\"", $"\"name\":\"{command}\"", StringComparison.Ordinal);

    private static IEnumerable<JsonObject> Inputs(JsonObject modal) =>
        modal["data"]!["components"]!.AsArray().SelectMany(row => row!["components"]!.AsArray()).Select(c => c!.AsObject());
}
