using System.Text.RegularExpressions;
using LibGit2Sharp;

namespace Bot.App.Facts.Git;

/// <summary>The <c>Facts:Git</c> settings' problems, one line each; no line repeats a URL's credentials or the token.</summary>
internal static partial class FactsGitOptionsValidator
{
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromDays(1);
    public const int MinWebhookSecretLength = 16;

    public static List<string> Problems(FactsGitOptions git)
    {
        var problems = new List<string>();
        var url = (git.Url ?? "").Trim();
        var https = false;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "ssh" or "file")
        {
            https = uri.Scheme == "https";
            if (https && uri.UserInfo.Contains(':', StringComparison.Ordinal))
            {
                problems.Add("Facts:Git:Url must not contain a password or token; put the token in Facts:Git:Token.");
            }
        }
        else if (uri?.Scheme == "http")
        {
            problems.Add("Facts:Git:Url must use https://, not http:// (the token and the facts would travel in clear).");
        }
        else if (!ScpLike().IsMatch(url))
        {
            problems.Add("Facts:Git:Url must be an https://, ssh:// (or user@host:path) or file:// URL of a git repository.");
        }

        if (!string.IsNullOrEmpty(git.Token) && !https)
        {
            problems.Add("Facts:Git:Token is only sent over https://, but Facts:Git:Url is not an https:// URL.");
        }

        if (string.IsNullOrWhiteSpace(git.Branch) || !Reference.IsValidName("refs/heads/" + git.Branch))
        {
            problems.Add("Facts:Git:Branch must be a valid branch name (default 'main').");
        }

        var path = git.Path ?? "";
        if (path.Trim('/').Length == 0 || Path.IsPathRooted(path) || path.Contains('\\', StringComparison.Ordinal)
            || path.Trim('/').Split('/').Any(part => part is "" or "." or ".."))
        {
            problems.Add("Facts:Git:Path must be a folder inside the repository, like 'facts' (forward slashes, no '..').");
        }

        if (git.PollInterval < MinPollInterval || git.PollInterval > MaxPollInterval)
        {
            problems.Add("Facts:Git:PollInterval must be between 00:00:01 and 1.00:00:00 (default 00:01:00).");
        }

        if (!string.IsNullOrEmpty(git.WebhookSecret) && git.WebhookSecret.Length < MinWebhookSecretLength)
        {
            problems.Add($"Facts:Git:WebhookSecret must be at least {MinWebhookSecretLength} characters (a random string).");
        }

        return problems;
    }

    /// <summary><c>git@github.com:owner/repo.git</c>, the short form of an ssh URL.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+$")]
    private static partial Regex ScpLike();
}
