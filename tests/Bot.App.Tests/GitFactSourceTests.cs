using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bot.App.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bot.App.Tests;

/// <summary>
/// The fact base served from a git branch (Facts:Git:Url, a local bare repository over file://), through the running
/// host: the served commit is named everywhere, pushes arrive by signed webhook or by poll, and a bad commit is
/// refused while the last good one keeps answering.
/// </summary>
public sealed class GitFactSourceTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private const string SlackSecret = "git-facts-test-slack-signing-secret";

    private readonly GitFactRepo _repo = new();
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-git-data-");
    private readonly string _webhookSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
    private WebApplicationFactory<Program>? _factory;

    private HttpClient Start(string pollInterval = "1.00:00:00")
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Facts:Git:Url", _repo.Url);
            builder.UseSetting("Facts:Git:PollInterval", pollInterval);
            builder.UseSetting("Facts:Git:WebhookSecret", _webhookSecret);
            builder.UseSetting("Storage:DataPath", _data.FullName);
            builder.UseSetting("Slack:SigningSecret", SlackSecret);
            builder.UseSetting("Slack:ModeratorUserIds:0", "UMOD");
        });
        return _factory.CreateClient();
    }

    [Fact]
    public async Task The_bot_serves_the_branchs_newest_commit_and_names_it_by_short_sha_in_healthz_facts_status_and_the_answers_footer()
    {
        using var client = Start();
        var sha = GitFactRepo.Short(_repo.First);

        var facts = await FactsHealthAsync(client);
        Assert.Equal("Healthy", facts.GetProperty("status").GetString());
        Assert.Equal(sha, facts.GetProperty("data").GetProperty("commit").GetString());
        Assert.Equal("Seeder", facts.GetProperty("data").GetProperty("author").GetString());

        var status = (await SignedSlack.CommandAsync(client, SlackSecret, "UMOD", "/facts", "status")).GetRawText();
        Assert.Contains(sha, status, StringComparison.Ordinal);
        var answer = (await SignedSlack.CommandAsync(client, SlackSecret, "U1", "/who", "jeri")).GetRawText();
        Assert.Contains($"version {sha}", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restart_reuses_the_clone_in_the_data_folder_and_serves_the_newest_commit()
    {
        using (var first = Start())
        {
            await UntilServingAsync(first, _repo.First);
        }

        _factory!.Dispose();
        var pushed = _repo.PushFromOutside("Edit Jerí's summary", "Contributor", r => r.Edit("people/jose-jeri.yaml", "Lawyer from", "Lawyer (while stopped) from"));
        var marker = Path.Combine(_data.FullName, "facts-git", "serve", ".git", "test-marker");
        File.WriteAllText(marker, "a fresh clone would not have this file");

        using var client = Start();

        await UntilServingAsync(client, pushed);
        Assert.True(File.Exists(marker));
    }

    [Fact]
    public async Task A_signed_github_style_webhook_is_accepted_and_the_pushed_commit_goes_live()
    {
        using var client = Start();
        var pushed = _repo.PushFromOutside("Edit Jerí's summary", "Contributor", r => r.Edit("people/jose-jeri.yaml", "Lawyer from", "Lawyer (pushed) from"));

        using var response = await WebhookAsync(client, """{"ref":"refs/heads/main"}""", signWith: _webhookSecret);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await UntilServingAsync(client, pushed);
        var answer = (await SignedSlack.CommandAsync(client, SlackSecret, "U1", "/who", "jeri")).GetRawText();
        Assert.Contains("(pushed)", answer, StringComparison.Ordinal);
        Assert.Contains($"version {GitFactRepo.Short(pushed)}", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gitlab_style_webhook_with_the_secret_as_its_token_is_accepted_too()
    {
        using var client = Start();
        var pushed = _repo.PushFromOutside("Edit Jerí's summary", "Contributor", r => r.Edit("people/jose-jeri.yaml", "Lawyer from", "Lawyer (gitlab) from"));

        using var response = await WebhookAsync(client, "{}", gitLabToken: _webhookSecret);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await UntilServingAsync(client, pushed);
    }

    [Fact]
    public async Task A_webhook_without_a_valid_signature_is_refused_with_401_and_fetches_nothing()
    {
        using var client = Start();
        _repo.PushFromOutside("Edit Jerí's summary", "Contributor", r => r.Edit("people/jose-jeri.yaml", "Lawyer from", "Lawyer (forged) from"));
        const string Body = """{"ref":"refs/heads/main"}""";

        using var missing = await WebhookAsync(client, Body);
        using var otherSecret = await WebhookAsync(client, Body, signWith: "another-secret-of-enough-length");
        using var malformed = await WebhookAsync(client, Body, signature: "sha256=not-hex");
        using var unprefixed = await WebhookAsync(client, Body, signature: Sign(Body, _webhookSecret)["sha256=".Length..]);
        using var wrongToken = await WebhookAsync(client, Body, gitLabToken: _webhookSecret + "x");
        using var signedOtherBody = await WebhookAsync(client, Body, signature: Sign("{}", _webhookSecret));

        Assert.All(new[] { missing, otherSecret, malformed, unprefixed, wrongToken, signedOtherBody }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        await Task.Delay(TimeSpan.FromSeconds(2)); // well past the webhook's debounce: a fetch would have happened by now
        var facts = await FactsHealthAsync(client);
        Assert.Equal(GitFactRepo.Short(_repo.First), facts.GetProperty("data").GetProperty("commit").GetString());
    }

    [Fact]
    public async Task A_webhook_body_over_the_cap_is_refused_with_413()
    {
        using var client = Start();
        var body = new string('x', 1024 * 1024 + 1);

        using var response = await WebhookAsync(client, body, signWith: _webhookSecret);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_push_is_picked_up_by_the_poll_without_any_webhook()
    {
        using var client = Start(pollInterval: "00:00:01");
        var pushed = _repo.PushFromOutside("Edit Jerí's summary", "Contributor", r => r.Edit("people/jose-jeri.yaml", "Lawyer from", "Lawyer (polled) from"));

        await UntilServingAsync(client, pushed);

        var answer = (await SignedSlack.CommandAsync(client, SlackSecret, "U1", "/who", "jeri")).GetRawText();
        Assert.Contains("(polled)", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pushed_synonym_in_the_vocabulary_goes_live_and_finds_the_fact_a_question_missed()
    {
        using var client = Start(pollInterval: "00:00:01");
        await UntilServingAsync(client, _repo.First);
        var missed = (await SignedSlack.CommandAsync(client, SlackSecret, "U1", "/ask", "when was castillo apprehended")).GetRawText();
        var pushed = _repo.PushFromOutside("Vocabulary: apprehended means arrested", "Contributor", r => r.Edit("vocabulary.yaml", "  - [arrest, arrested,", "  - [arrest, apprehended, arrested,"));

        await UntilServingAsync(client, pushed);

        var found = (await SignedSlack.CommandAsync(client, SlackSecret, "U1", "/ask", "when was castillo apprehended")).GetRawText();
        Assert.Contains("I'm not sure", missed, StringComparison.Ordinal);
        Assert.DoesNotContain("I'm not sure", found, StringComparison.Ordinal);
        Assert.Contains("Castillo is detained by police", found, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_commit_is_refused_with_its_author_and_diagnostics_while_the_last_good_commit_keeps_answering_and_a_fix_goes_live()
    {
        using var client = Start();
        var good = GitFactRepo.Short(_repo.First);
        var bad = _repo.PushFromOutside("Add a shoe size", "Careless Contributor", r => r.Edit("people/jose-jeri.yaml", "id: jose-jeri", "id: jose-jeri\nshoe_size: 42"));

        using (var response = await WebhookAsync(client, "{}", signWith: _webhookSecret))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        // The loader's errors show a moment before the refused commit is named beside them: wait for both.
        var facts = await UntilAsync(client, f => f.GetProperty("status").GetString() == "Degraded" && f.GetProperty("data").TryGetProperty("refusedCommit", out _));
        var data = facts.GetProperty("data");
        Assert.Equal(good, data.GetProperty("commit").GetString());
        Assert.Equal(GitFactRepo.Short(bad), data.GetProperty("refusedCommit").GetString());
        Assert.Equal("Careless Contributor", data.GetProperty("refusedAuthor").GetString());
        Assert.Contains(data.GetProperty("errors").EnumerateArray(), e => e.GetString() == "people/jose-jeri.yaml:2:1: error: unknown key 'shoe_size'");
        var answer = (await SignedSlack.CommandAsync(client, SlackSecret, "U1", "/who", "jeri")).GetRawText();
        Assert.Contains("José Jerí", answer, StringComparison.Ordinal);
        Assert.Contains($"version {good}", answer, StringComparison.Ordinal);

        var fix = _repo.PushFromOutside("Remove the shoe size", "Careful Contributor", r => r.Edit("people/jose-jeri.yaml", "shoe_size: 42\n", ""));
        using (var response = await WebhookAsync(client, "{}", signWith: _webhookSecret))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        facts = await UntilServingAsync(client, fix);
        Assert.Equal("Healthy", facts.GetProperty("status").GetString());
        Assert.False(facts.GetProperty("data").TryGetProperty("refusedCommit", out _));
    }

    private static async Task<JsonElement> UntilServingAsync(HttpClient client, string sha) =>
        await UntilAsync(client, f => f.GetProperty("data").TryGetProperty("commit", out var commit) && commit.GetString() == GitFactRepo.Short(sha));

    private static async Task<JsonElement> UntilAsync(HttpClient client, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var facts = await FactsHealthAsync(client);
            if (condition(facts))
            {
                return facts;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Not reached within {Patience.TotalSeconds} s; /healthz facts: {facts}");
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> FactsHealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("checks").GetProperty("facts").Clone();
    }

    private static async Task<HttpResponseMessage> WebhookAsync(HttpClient client, string body, string? signWith = null, string? signature = null, string? gitLabToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/facts/webhook", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        signature ??= signWith is null ? null : Sign(body, signWith);
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }

        if (gitLabToken is not null)
        {
            request.Headers.Add("X-Gitlab-Token", gitLabToken);
        }

        return await client.SendAsync(request);
    }

    private static string Sign(string body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public void Dispose()
    {
        _factory?.Dispose();
        _repo.Dispose();
        _data.Delete(recursive: true);
    }
}
