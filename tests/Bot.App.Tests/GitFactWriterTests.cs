using System.Net;
using Bot.App.Facts;
using Bot.App.Facts.Git;
using Bot.App.Tests.Support;
using Bot.Core.Editing;
using Bot.Core.Querying;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Bot.App.Tests;

/// <summary>
/// Chat edits written as git commits (the <see cref="IFactWriter"/> registered when Facts:Git:Url is set), in the
/// running host against a local bare repository: authored by the moderator, pushed, live at once; refused edits leave
/// the repository untouched; a push that races another contributor's is rebuilt on theirs.
/// </summary>
public sealed class GitFactWriterTests : IDisposable
{
    private const string JeriFile = "people/jose-jeri.yaml";

    private static readonly FactAuthor Moderator = new("Ana <Moderator>", "Discord", "123456789012345678");

    private readonly GitFactRepo _repo = new();
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-git-writer-data-");
    private readonly WebApplicationFactory<Program> _factory;

    public GitFactWriterTests()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Facts:Git:Url", _repo.Url);
            builder.UseSetting("Facts:Git:PollInterval", "1.00:00:00"); // only the writer's own fetch can bring changes in
            builder.UseSetting("Storage:DataPath", _data.FullName);
        });
        _ = _factory.CreateClient();
    }

    private IFactWriter Writer => _factory.Services.GetRequiredService<IFactWriter>();

    private FactStore Store => _factory.Services.GetRequiredService<FactStore>();

    private QueryEngine Engine => _factory.Services.GetRequiredService<QueryEngine>();

    private static FactFileEdit Replace(string find, string replace, Action? onApply = null) => new(JeriFile, text =>
    {
        onApply?.Invoke();
        if (text is null || !text.Contains(find, StringComparison.Ordinal))
        {
            throw new FactEditConflictException($"'{find}' is no longer in {JeriFile}.");
        }

        return text.Replace(find, replace, StringComparison.Ordinal);
    });

    [Fact]
    public async Task A_chat_edit_is_committed_with_the_moderator_as_author_pushed_and_served_here_as_soon_as_the_write_returns()
    {
        var result = await Writer.WriteAsync(
            new FactChange("Edit José Jerí's summary (from Discord by Ana)", Moderator, [Replace("Lawyer from", "Lawyer (edited in chat) from")]),
            CancellationToken.None);

        Assert.True(result.Written, string.Join("; ", result.Problems));
        var head = _repo.Log()[0];
        Assert.Equal(GitFactRepo.Short(head.Sha), result.Commit);
        Assert.Equal("Ana Moderator", head.AuthorName);
        Assert.Equal("123456789012345678@discord.users.noreply", head.AuthorEmail);
        Assert.Equal("Edit José Jerí's summary (from Discord by Ana)\n", head.Message);
        Assert.Equal([_repo.First], head.Parents);
        Assert.Contains("(edited in chat)", _repo.TextAtTip("facts/" + JeriFile), StringComparison.Ordinal);
        Assert.Equal(result.Commit, Store.Current.Version);
        Assert.Contains("(edited in chat)", Engine.Answer("/who jeri").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_someone_pushes_in_between_the_edit_is_applied_again_on_their_commit_and_pushed_on_top()
    {
        var applied = 0;
        string? theirs = null;
        var edit = Replace("Abogado del partido", "Abogado (chat) del partido", () =>
        {
            if (Interlocked.Increment(ref applied) == 1)
            {
                // a contributor pushes between the bot's fetch and its push
                theirs = _repo.PushFromOutside("Edit the English summary", "Contributor", r => r.Edit(JeriFile, "Lawyer from", "Lawyer (outside) from"));
            }
        });

        var result = await Writer.WriteAsync(new FactChange("Edit the Spanish summary", Moderator, [edit]), CancellationToken.None);

        Assert.True(result.Written, string.Join("; ", result.Problems));
        Assert.Equal(2, applied);
        var log = _repo.Log();
        Assert.Equal(GitFactRepo.Short(log[0].Sha), result.Commit);
        Assert.Equal([theirs!], log[0].Parents);
        var text = _repo.TextAtTip("facts/" + JeriFile)!;
        Assert.Contains("Lawyer (outside) from", text, StringComparison.Ordinal);
        Assert.Contains("Abogado (chat) del partido", text, StringComparison.Ordinal);
        Assert.Equal(result.Commit, Store.Current.Version);
    }

    [Fact]
    public async Task Pushes_refused_twice_in_a_row_come_back_as_a_problem_and_leave_the_repository_and_the_working_copy_as_they_were()
    {
        var applied = 0;
        var edit = Replace("Lawyer from", "Lawyer (never saved) from", () =>
        {
            var round = Interlocked.Increment(ref applied);
            _repo.PushFromOutside($"Someone else's change {round}", "Contributor", r => File.AppendAllText(Path.Combine(r.FactFile(".."), $"NOTES-{round}.md"), "notes\n"));
        });
        var before = _repo.Log().Count;

        var result = await Writer.WriteAsync(new FactChange("Edit the summary", Moderator, [edit]), CancellationToken.None);

        Assert.False(result.Written);
        Assert.Null(result.Commit);
        Assert.Contains(result.Problems, p => p.Contains("refused it twice", StringComparison.Ordinal));
        Assert.Equal(before + 2, _repo.Log().Count); // only the two outside commits
        Assert.DoesNotContain("(never saved)", _repo.TextAtTip("facts/" + JeriFile), StringComparison.Ordinal);
        AssertWorkingCopyClean();
    }

    [Fact]
    public async Task A_change_the_loader_refuses_is_not_committed_and_comes_back_with_its_path_line_and_column()
    {
        var result = await Writer.WriteAsync(
            new FactChange("Add a shoe size", Moderator, [Replace("id: jose-jeri", "id: jose-jeri\nshoe_size: 42")]),
            CancellationToken.None);

        Assert.False(result.Written);
        Assert.Contains("people/jose-jeri.yaml:2:1: error: unknown key 'shoe_size'", result.Problems);
        Assert.Single(_repo.Log());
        AssertWorkingCopyClean();
    }

    [Fact]
    public async Task An_edit_that_no_longer_applies_comes_back_as_its_conflict_and_nothing_is_written()
    {
        var result = await Writer.WriteAsync(
            new FactChange("Edit a sentence that is not there", Moderator, [Replace("a sentence nobody wrote", "anything")]),
            CancellationToken.None);

        Assert.False(result.Written);
        Assert.Equal(["'a sentence nobody wrote' is no longer in people/jose-jeri.yaml."], result.Problems);
        Assert.Single(_repo.Log());
        AssertWorkingCopyClean();
    }

    [Fact]
    public async Task An_edit_aimed_outside_the_fact_folder_is_refused()
    {
        var result = await Writer.WriteAsync(
            new FactChange("Escape", Moderator, [new FactFileEdit("../README.md", _ => "owned")]),
            CancellationToken.None);

        Assert.False(result.Written);
        Assert.Single(_repo.Log());
    }

    [Fact]
    public async Task History_lists_the_latest_commits_that_touched_the_fact_folder_newest_first()
    {
        await Writer.WriteAsync(new FactChange("First chat edit", Moderator, [Replace("Lawyer from", "Lawyer (one) from")]), CancellationToken.None);
        _repo.PushFromOutside("Only the README", "Docs Writer", r => File.AppendAllText(Path.Combine(r.FactFile(".."), "README.md"), "More.\n"));
        var second = await Writer.WriteAsync(new FactChange("Second chat edit", Moderator, [Replace("Lawyer (one) from", "Lawyer (two) from")]), CancellationToken.None);

        var history = await Writer.HistoryAsync(2, CancellationToken.None);

        Assert.Equal(["Second chat edit", "First chat edit"], history.Select(h => h.Message));
        Assert.Equal(second.Commit, history[0].Commit);
        Assert.All(history, h => Assert.Equal("Ana Moderator", h.Author));
        Assert.Equal(3, (await Writer.HistoryAsync(10, CancellationToken.None)).Count); // the two edits and the seed, not the README commit
    }

    [Fact]
    public async Task The_served_commit_moves_only_when_a_write_succeeds()
    {
        using var client = _factory.CreateClient();
        await Writer.WriteAsync(new FactChange("Bad", Moderator, [Replace("id: jose-jeri", "id: jose-jeri\nshoe_size: 42")]), CancellationToken.None);

        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(GitFactRepo.Short(_repo.First), Store.Current.Version);
        Assert.Empty(Store.LastErrors);
    }

    [Fact]
    public void The_git_writer_replaces_a_writer_registered_with_TryAdd_before_or_after_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Facts:Git:Url"] = _repo.Url,
            ["Storage:DataPath"] = _data.FullName,
        }).Build();
        var environment = _factory.Services.GetRequiredService<IHostEnvironment>();

        var before = new ServiceCollection();
        before.TryAddSingleton<IFactWriter, OtherWriter>();
        before.AddGitFactSource(configuration, environment);
        var after = new ServiceCollection();
        after.AddGitFactSource(configuration, environment);
        after.TryAddSingleton<IFactWriter, OtherWriter>();

        Assert.Equal(typeof(GitFactWriter), before.Single(d => d.ServiceType == typeof(IFactWriter)).ImplementationType);
        Assert.Equal(typeof(GitFactWriter), after.Single(d => d.ServiceType == typeof(IFactWriter)).ImplementationType);
    }

    [Fact]
    public void Without_a_git_url_no_git_writer_is_registered()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Facts:Path"] = Repo.Facts }).Build();
        var services = new ServiceCollection();

        services.AddGitFactSource(configuration, _factory.Services.GetRequiredService<IHostEnvironment>());

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IFactWriter) || d.ServiceType == typeof(GitFactSource));
    }

    private void AssertWorkingCopyClean()
    {
        using var work = new LibGit2Sharp.Repository(Path.Combine(_data.FullName, "facts-git", "work"));
        Assert.False(work.RetrieveStatus(new LibGit2Sharp.StatusOptions()).IsDirty);
        Assert.Equal(work.Refs["refs/remotes/origin/main"].TargetIdentifier, work.Head.Tip.Sha);
    }

    private sealed class OtherWriter : IFactWriter
    {
        public Task<FactWriteResult> WriteAsync(FactChange change, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<FactHistoryEntry>> HistoryAsync(int count, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    public void Dispose()
    {
        _factory.Dispose();
        _repo.Dispose();
        _data.Delete(recursive: true);
    }
}
