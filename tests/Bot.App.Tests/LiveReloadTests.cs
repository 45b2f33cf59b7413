using System.Net;
using Bot.App.Facts;
using Bot.App.Tests.Support;
using Bot.Core.Answers;
using Bot.Core.Querying;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.App.Tests;

/// <summary>Moderators' edits go live in the running host without a restart; broken edits never replace a good base.</summary>
public sealed class LiveReloadTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly DirectoryInfo _facts = Directory.CreateTempSubdirectory("bot-live-facts-");
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-live-data-");
    private readonly WebApplicationFactory<Program> _factory;

    public LiveReloadTests()
    {
        Repo.CopyFactsTo(_facts.FullName);

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Facts:Path", _facts.FullName);
            builder.UseSetting("Storage:DataPath", _data.FullName);
            builder.UseSetting("Facts:DebounceMilliseconds", "500"); // wide enough that a loaded machine still sees one burst
            builder.UseSetting("Facts:PollMilliseconds", "200");
        });
        _ = _factory.CreateClient(); // start the host
    }

    private FactStore Store => _factory.Services.GetRequiredService<FactStore>();

    private QueryEngine Engine => _factory.Services.GetRequiredService<QueryEngine>();

    private string PersonFile => Path.Combine(_facts.FullName, "people", "jose-jeri.yaml");

    private string VocabularyFile => Path.Combine(_facts.FullName, "vocabulary.yaml");

    [Fact]
    public async Task A_valid_edit_goes_live_without_a_restart()
    {
        var before = Store.Current.Version;

        Edit(PersonFile, "Lawyer from", "Lawyer (edited live) from");

        await Until(() => Store.Current.Version != before);
        Assert.Contains("(edited live)", Engine.Answer("/who jeri").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_edit_is_refused_while_the_old_answers_keep_coming_and_a_fix_goes_live()
    {
        var good = Store.Current.Version;
        var original = File.ReadAllText(PersonFile);

        File.WriteAllText(PersonFile, original.Replace("id: jose-jeri", "id: jose-jeri\nshoe_size: 42", StringComparison.Ordinal));
        await Until(() => Store.LastErrors.Count > 0);

        Assert.Equal(good, Store.Current.Version);
        Assert.Equal(AnswerKind.Found, Engine.Answer("/who jeri").Kind);
        using var client = _factory.CreateClient();
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var json = System.Text.Json.JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", json.RootElement.GetProperty("status").GetString());
        var errors = json.RootElement.GetProperty("checks").GetProperty("facts").GetProperty("data").GetProperty("errors");
        Assert.Contains(errors.EnumerateArray(), e => e.GetString()!.EndsWith("people/jose-jeri.yaml:2:1: error: unknown key 'shoe_size'", StringComparison.Ordinal));

        File.WriteAllText(PersonFile, original.Replace("Lawyer from", "Lawyer (fixed) from", StringComparison.Ordinal));
        await Until(() => Store.LastErrors.Count == 0 && Store.Current.Version != good);
        Assert.Contains("(fixed)", Engine.Answer("/who jeri").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_file_that_others_refer_to_is_refused_and_putting_it_back_goes_live()
    {
        var good = Store.Current.Version;
        var original = File.ReadAllText(PersonFile);

        File.Delete(PersonFile);
        await Until(() => Store.LastErrors.Count > 0);

        // The files that name jose-jeri did not change, yet their references are checked again on every load.
        Assert.Contains(Store.LastErrors, e => e.Path.StartsWith("events/", StringComparison.Ordinal) && e.Message.StartsWith("unknown person id 'jose-jeri'", StringComparison.Ordinal));
        Assert.Equal(good, Store.Current.Version);
        Assert.Equal(AnswerKind.Found, Engine.Answer("/who jeri").Kind);

        File.WriteAllText(PersonFile, original);
        await Until(() => Store.LastErrors.Count == 0);
        Assert.Equal(good, Store.Current.Version); // the same content is the same version
    }

    [Fact]
    public async Task A_new_snapshot_answers_free_text_questions_as_soon_as_it_serves()
    {
        var before = Store.Current;

        Edit(PersonFile, "Lawyer from", "Lawyer (edited live) from");
        await Until(() => Store.Current != before);

        Assert.Equal(AnswerKind.Found, Engine.Answer("/ask why did Peru break relations with Mexico?").Kind);
    }

    [Fact]
    public async Task A_synonym_saved_in_the_vocabulary_goes_live_and_finds_the_fact_a_question_missed()
    {
        const string Question = "/ask when was castillo apprehended";
        var before = Store.Current.Version;
        var missed = Engine.Answer(Question);

        Edit(VocabularyFile, "  - [arrest, arrested,", "  - [arrest, apprehended, arrested,");
        await Until(() => Store.Current.Version != before);
        var found = Engine.Answer(Question);

        Assert.Equal(AnswerKind.NotFound, missed.Kind);
        Assert.Equal(AnswerKind.Found, found.Kind);
        Assert.Equal("2022-12-07-castillo-detained", found.Sections[0].Lines[0].FactId);
    }

    [Fact]
    public async Task A_word_put_in_two_synonym_groups_is_refused_at_its_place_while_the_last_good_vocabulary_keeps_answering()
    {
        var good = Store.Current.Version;
        var lines = File.ReadAllLines(VocabularyFile);
        var asylumLine = Array.FindIndex(lines, l => l.StartsWith("  - [asylum, asilo,", StringComparison.Ordinal)) + 1;
        var breakLine = Array.FindIndex(lines, l => l.StartsWith("  - [break, broke,", StringComparison.Ordinal)) + 1;

        Edit(VocabularyFile, "  - [break, broke,", "  - [break, asilo, broke,");
        await Until(() => Store.LastErrors.Count > 0);

        var error = Assert.Single(Store.LastErrors).ToString();
        Assert.Equal($"vocabulary.yaml:{breakLine}:13: error: 'asilo' is already in the synonym group at line {asylumLine}: a word belongs to one group; " +
            "if it really means two different things here, list it under 'two_meanings'", error);
        Assert.Equal(good, Store.Current.Version);
        var answer = Engine.Answer("/ask why did Peru break relations with Mexico?");
        Assert.Equal(AnswerKind.Found, answer.Kind);
        Assert.Equal("2025-11-03-peru-breaks-relations", answer.Sections[0].Lines[0].FactId);

        Edit(VocabularyFile, "  - [break, asilo, broke,", "  - [break, broke,");
        await Until(() => Store.LastErrors.Count == 0);
        Assert.Equal(good, Store.Current.Version);
    }

    [Fact]
    public async Task A_burst_of_saves_reloads_once()
    {
        var before = Store.Current.Version;
        var attempts = Store.LoadAttempts;

        for (var i = 0; i < 5; i++)
        {
            Edit(PersonFile, i == 0 ? "Lawyer from" : $"(save {i - 1})", $"(save {i})");
            await Task.Delay(20);
        }

        await Until(() => Store.Current.Version != before);
        await Task.Delay(1500); // any further reload would have happened by now
        Assert.Equal(attempts + 1, Store.LoadAttempts);
        Assert.Contains("(save 4)", Engine.Answer("/who jeri").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_in_flight_during_reloads_all_get_complete_answers()
    {
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var answered = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var answer = Engine.Answer("/who betssy-chavez");
                if (answer.Kind != AnswerKind.Found || answer.Citations.Count == 0)
                {
                    Interlocked.Increment(ref failures);
                }

                Interlocked.Increment(ref answered);
            }
        })).ToList();

        for (var i = 0; i < 3; i++)
        {
            var before = Store.Current.Version;
            Edit(PersonFile, i == 0 ? "Lawyer from" : $"(swap {i - 1})", $"(swap {i})");
            await Until(() => Store.Current.Version != before);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Equal(0, failures);
        Assert.True(answered > 100, $"only {answered} answers");
    }

    [Fact]
    public async Task Free_text_answers_keep_coming_without_a_failure_while_the_base_is_rebuilt_again_and_again()
    {
        string[] questions =
        [
            "/ask why did Peru break relations with Mexico?",
            "/ask who granted asylum to Betssy Chávez?",
            "/ask ¿quién es Dina Boluarte?",
            "/ask How many votes did Congress have to remove Castillo?",
        ];
        Assert.All(questions, q => Assert.Equal(AnswerKind.Found, Engine.Answer(q).Kind));
        var expected = questions.ToDictionary(q => q, q => Engine.Answer(q).Sections[0].Lines[0].FactId);
        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var answered = 0;
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            for (var i = r; !stop.IsCancellationRequested; i++)
            {
                var question = questions[i % questions.Length];
                try
                {
                    var answer = Engine.Answer(question);
                    if (answer.Kind != AnswerKind.Found || answer.Sections[0].Lines[0].FactId != expected[question])
                    {
                        failures.Enqueue($"{question}: {answer.Kind} {answer.Title}");
                    }
                }
                catch (Exception ex)
                {
                    failures.Enqueue($"{question}: {ex.GetType().Name}");
                }

                Interlocked.Increment(ref answered);
            }
        })).ToList();

        // Reloads both ways: the moderators' /facts reload (straight on the store) and saved edits (the watcher).
        for (var i = 0; i < 6; i++)
        {
            var before = Store.Current;
            if (i % 2 == 0)
            {
                Edit(PersonFile, i == 0 ? "Lawyer from" : $"(reload {i - 1})", $"(reload {i})");
                await Until(() => Store.Current != before);
            }
            else
            {
                Assert.True(Store.Reload());
                Edit(PersonFile, $"(reload {i - 1})", $"(reload {i})");
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Empty(failures);
        Assert.True(answered > 100, $"only {answered} answers");
    }

    public void Dispose()
    {
        _factory.Dispose();
        _facts.Delete(recursive: true);
        _data.Delete(recursive: true);
    }

    private static void Edit(string file, string from, string to)
    {
        var text = File.ReadAllText(file);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the running host did not pick up the edit in time");
            await Task.Delay(50);
        }
    }
}
