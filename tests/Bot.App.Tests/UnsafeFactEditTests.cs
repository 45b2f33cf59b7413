using System.Net;
using System.Text;
using System.Text.Json;
using Bot.App.Facts;
using Bot.App.Tests.Support;
using Bot.Core.Answers;
using Bot.Core.Querying;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.App.Tests;

/// <summary>
/// Files in the fact folder that no moderator means to write (a gigabyte, a link to itself, bytes that are not UTF-8)
/// never stop the running bot: the edit is refused with a diagnostic naming the file, /healthz says Degraded, the last
/// good base keeps answering, and the next good edit goes live.
/// </summary>
public sealed class UnsafeFactEditTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly DirectoryInfo _facts = Directory.CreateTempSubdirectory("bot-unsafe-facts-");
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-unsafe-data-");
    private readonly WebApplicationFactory<Program> _factory;

    public UnsafeFactEditTests()
    {
        Repo.CopyFactsTo(_facts.FullName);

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Facts:Path", _facts.FullName);
            builder.UseSetting("Storage:DataPath", _data.FullName);
            builder.UseSetting("Facts:DebounceMilliseconds", "200");
            builder.UseSetting("Facts:PollMilliseconds", "200");
        });
        _ = _factory.CreateClient(); // start the host
    }

    private FactStore Store => _factory.Services.GetRequiredService<FactStore>();

    private QueryEngine Engine => _factory.Services.GetRequiredService<QueryEngine>();

    private string PersonFile => Path.Combine(_facts.FullName, "people", "jose-jeri.yaml");

    [Fact]
    public async Task A_gigabyte_fact_file_is_refused_before_it_is_read_and_the_bot_keeps_answering()
    {
        var good = Store.Current.Version;
        var huge = Path.Combine(_facts.FullName, "people", "huge.yaml");
        using (var file = File.Create(huge))
        {
            file.SetLength(1_100_000_000); // sparse: takes no disk, but reading it would take gigabytes of memory
        }

        var errors = await DegradedWithAsync("people/huge.yaml:1:1: error: the file is 1049 MB, more than the 2 MB a fact file may have (Facts:MaxFileBytes); split it");

        Assert.Single(errors);
        Assert.Equal(good, Store.Current.Version);
        Assert.Equal(AnswerKind.Found, Engine.Answer("/who jeri").Kind);
        File.Delete(huge);
        await EditGoesLiveAsync();
    }

    [Fact]
    public async Task A_fact_file_that_links_to_itself_is_reported_and_live_reload_goes_on()
    {
        var good = Store.Current.Version;
        var loop = Path.Combine(_facts.FullName, "people", "loop.yaml");
        File.CreateSymbolicLink(loop, loop);

        var errors = await DegradedWithAsync("people/loop.yaml:1:1: error: the file cannot be read");

        Assert.Single(errors);
        Assert.Equal(good, Store.Current.Version);
        Assert.Equal(AnswerKind.Found, Engine.Answer("/who jeri").Kind);
        File.Delete(loop);
        await EditGoesLiveAsync();
    }

    [Fact]
    public async Task A_fact_file_that_is_not_utf8_is_reported_at_its_line_and_column_instead_of_served_garbled()
    {
        var good = Store.Current.Version;
        var original = File.ReadAllBytes(PersonFile);
        var text = Encoding.UTF8.GetString(original).ReplaceLineEndings("\n");
        var line = text[..text.IndexOf("Lawyer from", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var column = text.IndexOf("Lawyer from", StringComparison.Ordinal) - text.LastIndexOf('\n', text.IndexOf("Lawyer from", StringComparison.Ordinal));
        var split = text.IndexOf("Lawyer from", StringComparison.Ordinal);
        byte[] broken = [.. Encoding.UTF8.GetBytes(text[..split]), 0xFF, .. Encoding.UTF8.GetBytes(text[split..])]; // 0xFF is in no UTF-8 text
        File.WriteAllBytes(PersonFile, broken);

        var errors = await DegradedWithAsync($"people/jose-jeri.yaml:{line}:{column}: error: the file is not valid UTF-8 here; save it as UTF-8");

        Assert.Contains(errors, e => e.Contains("jose-jeri.yaml", StringComparison.Ordinal));
        Assert.Equal(good, Store.Current.Version);
        Assert.DoesNotContain("\uFFFD", Engine.Answer("/who jeri").Body, StringComparison.Ordinal);
        File.WriteAllBytes(PersonFile, original);
        await EditGoesLiveAsync();
    }

    public void Dispose()
    {
        _factory.Dispose();
        _facts.Delete(recursive: true);
        _data.Delete(recursive: true);
    }

    /// <summary>Waits until /healthz is Degraded with an error containing <paramref name="expected"/>; returns every error it lists.</summary>
    private async Task<List<string>> DegradedWithAsync(string expected)
    {
        using var client = _factory.CreateClient();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            var facts = json.RootElement.GetProperty("checks").GetProperty("facts");
            if (json.RootElement.GetProperty("status").GetString() == "Degraded"
                && facts.GetProperty("data").TryGetProperty("errors", out var list))
            {
                var errors = list.EnumerateArray().Select(e => e.GetString()!).ToList();
                if (errors.Exists(e => e.Contains(expected, StringComparison.Ordinal)))
                {
                    return errors;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"/healthz did not turn Degraded with {expected} in time");
            await Task.Delay(100);
        }
    }

    /// <summary>Once the bad file is gone, the next edit is served and /healthz is Healthy again.</summary>
    private async Task EditGoesLiveAsync()
    {
        var text = File.ReadAllText(PersonFile);
        File.WriteAllText(PersonFile, text.Replace("Lawyer from", "Lawyer (edited after) from", StringComparison.Ordinal));
        var deadline = DateTime.UtcNow + Patience;
        while (Store.LastErrors.Count > 0 || Engine.Answer("/who jeri").Body?.Contains("(edited after)", StringComparison.Ordinal) != true)
        {
            Assert.True(DateTime.UtcNow < deadline, "the edit after the bad file did not go live in time");
            await Task.Delay(100);
        }

        using var client = _factory.CreateClient();
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
    }
}
