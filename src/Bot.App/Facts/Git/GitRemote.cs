using System.Text.RegularExpressions;
using LibGit2Sharp;

namespace Bot.App.Facts.Git;

/// <summary>
/// The fact repository's remote as LibGit2Sharp reaches it: clone, fetch the one branch, push it, reset a working copy.
/// The token travels only through the credentials callback (never in a URL), and every message that leaves this class
/// has credentials taken out (<see cref="Redact"/>). Network calls give up after <see cref="NetworkTimeout"/> once the
/// transfer has started.
/// </summary>
internal sealed partial class GitRemote(FactsGitOptions settings)
{
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The username sent with the token when the URL names none (GitHub and Gitea accept any; GitHub Apps need this one).</summary>
    public const string DefaultTokenUser = "x-access-token";

    public string Branch => settings.Branch;

    /// <summary>The URL as it may appear in logs and diagnostics.</summary>
    public string DisplayUrl => Redact(settings.Url ?? "");

    private string RemoteBranch => $"refs/remotes/origin/{settings.Branch}";

    /// <summary>Opens the clone in <paramref name="folder"/>, or clones afresh when there is none of this URL and branch there.</summary>
    public Repository OpenOrClone(string folder, CancellationToken cancellationToken)
    {
        if (Repository.IsValid(folder))
        {
            var existing = new Repository(folder);
            if (existing.Network.Remotes["origin"]?.Url == settings.Url && !existing.Info.IsBare && existing.Head.FriendlyName == settings.Branch)
            {
                return existing;
            }

            existing.Dispose();
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true); // another repository, or a clone that broke half-way: start again
        }

        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        Run("clone", token => Repository.Clone(settings.Url, folder, new CloneOptions(FetchOptions(token))
        {
            BranchName = settings.Branch,
            Checkout = true,
        }), cancellationToken);
        return new Repository(folder);
    }

    /// <summary>Fetches the branch and returns its newest commit.</summary>
    public Commit Fetch(Repository repo, CancellationToken cancellationToken)
    {
        Run("fetch", token => Commands.Fetch(
            repo,
            "origin",
            [$"+refs/heads/{settings.Branch}:{RemoteBranch}"],
            FetchOptions(token),
            logMessage: null), cancellationToken);
        return Tip(repo) ?? throw new GitOperationException($"the branch '{settings.Branch}' does not exist in {DisplayUrl}");
    }

    /// <summary>The branch's newest commit as last fetched, if any.</summary>
    public Commit? Tip(Repository repo) =>
        repo.Refs[RemoteBranch] is { } reference ? repo.Lookup<Commit>(reference.TargetIdentifier) : null;

    /// <summary>Pushes the local branch to the remote one; throws <see cref="GitOperationException"/> when refused.</summary>
    public void Push(Repository repo, CancellationToken cancellationToken)
    {
        string? refused = null;
        Run("push", token => repo.Network.Push(
            repo.Network.Remotes["origin"],
            $"refs/heads/{settings.Branch}:refs/heads/{settings.Branch}",
            new PushOptions
            {
                CredentialsProvider = Credentials,
                OnPushStatusError = error => refused = error.Message,
                OnPushTransferProgress = (_, _, _) => !token.IsCancellationRequested,
                OnPackBuilderProgress = (_, _, _) => !token.IsCancellationRequested,
            }), cancellationToken);
        if (refused is not null)
        {
            throw new GitOperationException($"the push was refused: {Redact(refused)}");
        }
    }

    /// <summary>Puts the working copy exactly at <paramref name="commit"/>: tracked files reset, untracked ones removed.</summary>
    public static void ResetTo(Repository repo, Commit commit)
    {
        repo.Reset(ResetMode.Hard, commit);
        repo.RemoveUntrackedFiles();
    }

    /// <summary>
    /// <paramref name="text"/> without credentials: the user part of every URL in it (<c>https://user:token@host</c>
    /// becomes <c>https://***@host</c>) and the token itself wherever it appears.
    /// </summary>
    public string Redact(string text)
    {
        var redacted = UserInfo().Replace(text, "$1***@");
        return string.IsNullOrEmpty(settings.Token) ? redacted : redacted.Replace(settings.Token, "***", StringComparison.Ordinal);
    }

    private FetchOptions FetchOptions(CancellationToken token) => new()
    {
        CredentialsProvider = Credentials,
        OnTransferProgress = _ => !token.IsCancellationRequested,
        OnProgress = _ => !token.IsCancellationRequested,
        Prune = false,
        TagFetchMode = TagFetchMode.None,
    };

    private Credentials Credentials(string url, string? usernameFromUrl, SupportedCredentialTypes types) =>
        string.IsNullOrEmpty(settings.Token)
            ? new DefaultCredentials()
            : new UsernamePasswordCredentials
            {
                Username = string.IsNullOrEmpty(usernameFromUrl) ? DefaultTokenUser : usernameFromUrl,
                Password = settings.Token,
            };

    private void Run(string operation, Action<CancellationToken> action, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(NetworkTimeout);
        try
        {
            action(timeout.Token);
        }
        catch (UserCancelledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (UserCancelledException)
        {
            throw new GitOperationException($"{operation} of {DisplayUrl} timed out after {NetworkTimeout.TotalSeconds:0} s");
        }
        catch (LibGit2SharpException ex)
        {
            throw new GitOperationException($"{operation} of {DisplayUrl} failed: {Redact(ex.Message)}");
        }
    }

    [GeneratedRegex(@"(\b[a-zA-Z][a-zA-Z0-9+.\-]*://)[^/@\s]*@")]
    private static partial Regex UserInfo();
}

/// <summary>A git operation failed; the message names the operation and has no credentials in it.</summary>
internal sealed class GitOperationException(string message) : Exception(message);
