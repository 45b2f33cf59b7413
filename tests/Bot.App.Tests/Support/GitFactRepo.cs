using LibGit2Sharp;

namespace Bot.App.Tests.Support;

/// <summary>
/// A fact repository on disk, as a forge would hold it: a bare repository (<c>git init --bare</c>) reached by a
/// file:// URL, seeded with the real fact base under <c>facts/</c> on <c>main</c>, and an outside clone that pushes
/// commits the way a contributor would. Nothing touches the network.
/// </summary>
internal sealed class GitFactRepo : IDisposable
{
    public const string Branch = "main";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("bot-git-facts-");

    public GitFactRepo()
    {
        Repository.Init(Bare, isBare: true);
        using (var bare = new Repository(Bare))
        {
            bare.Refs.UpdateTarget("HEAD", $"refs/heads/{Branch}");
        }

        Repository.Init(Outside);
        using var outside = new Repository(Outside);
        outside.Refs.UpdateTarget("HEAD", $"refs/heads/{Branch}");
        outside.Network.Remotes.Add("origin", Url);
        Repo.CopyFactsTo(Path.Combine(Outside, "facts"));
        File.WriteAllText(Path.Combine(Outside, "README.md"), "The fact base.\n");
        Commands.Stage(outside, "*");
        var seeder = new Signature("Seeder", "seeder@example.invalid", DateTimeOffset.UtcNow);
        First = outside.Commit("Seed the fact base", seeder, seeder).Sha;
        Push(outside);
    }

    /// <summary>The bare repository's folder.</summary>
    public string Bare => Path.Combine(_root.FullName, "origin.git");

    /// <summary>The URL the bot is given.</summary>
    public string Url => new Uri(Bare).AbsoluteUri;

    /// <summary>The first commit (the real fact base).</summary>
    public string First { get; }

    private string Outside => Path.Combine(_root.FullName, "outside");

    /// <summary>The outside clone's fact folder path of <paramref name="relative"/> (forward slashes, under <c>facts/</c>).</summary>
    public string FactFile(string relative) => Path.Combine(Outside, "facts", relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// A contributor's commit pushed to <c>main</c> from outside the bot: brought up to date first, then
    /// <paramref name="edit"/> changes files in the outside clone. Returns the commit's sha.
    /// </summary>
    public string PushFromOutside(string message, string author, Action<GitFactRepo> edit)
    {
        using var outside = new Repository(Outside);
        Commands.Fetch(outside, "origin", [$"+refs/heads/{Branch}:refs/remotes/origin/{Branch}"], new FetchOptions(), null);
        var tip = outside.Lookup<Commit>(outside.Refs[$"refs/remotes/origin/{Branch}"].TargetIdentifier);
        outside.Reset(ResetMode.Hard, tip);
        edit(this);
        Commands.Stage(outside, "*");
        var signature = new Signature(author, "contributor@example.invalid", DateTimeOffset.UtcNow);
        var sha = outside.Commit(message, signature, signature).Sha;
        Push(outside);
        return sha;
    }

    /// <summary>Replaces <paramref name="find"/> with <paramref name="replace"/> in a fact file of the outside clone.</summary>
    public void Edit(string relative, string find, string replace)
    {
        var file = FactFile(relative);
        var text = File.ReadAllText(file);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(find, replace, StringComparison.Ordinal));
    }

    /// <summary>The branch's commits in the bare repository, newest first.</summary>
    public IReadOnlyList<LoggedCommit> Log()
    {
        using var bare = new Repository(Bare);
        var tip = bare.Refs[$"refs/heads/{Branch}"].TargetIdentifier;
        return [.. bare.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = tip, SortBy = CommitSortStrategies.Topological })
            .Select(c => new LoggedCommit(c.Sha, c.Author.Name, c.Author.Email, c.Message, [.. c.Parents.Select(p => p.Sha)]))];
    }

    /// <summary>A file's text at the tip of the branch in the bare repository.</summary>
    public string? TextAtTip(string pathInRepository)
    {
        using var bare = new Repository(Bare);
        var tip = bare.Lookup<Commit>(bare.Refs[$"refs/heads/{Branch}"].TargetIdentifier);
        return (tip[pathInRepository]?.Target as Blob)?.GetContentText();
    }

    public static string Short(string sha) => sha[..7];

    private static void Push(Repository repo) =>
        repo.Network.Push(repo.Network.Remotes["origin"], $"refs/heads/{Branch}:refs/heads/{Branch}");

    public void Dispose()
    {
        foreach (var file in _root.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            file.Attributes = FileAttributes.Normal; // git's object files are read-only
        }

        _root.Delete(recursive: true);
    }
}

/// <summary>A commit of the bare repository, read out before the repository is closed.</summary>
internal sealed record LoggedCommit(string Sha, string AuthorName, string AuthorEmail, string Message, IReadOnlyList<string> Parents);
