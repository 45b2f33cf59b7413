namespace Bot.App.Facts.Git;

/// <summary>
/// <c>Facts:Git</c>: serve the fact base from a git repository instead of a folder. Off while <see cref="Url"/> is empty.
/// </summary>
public sealed class FactsGitOptions
{
    /// <summary>
    /// The repository: <c>https://host/owner/repo.git</c> (with <see cref="Token"/> for a private one),
    /// <c>ssh://git@host/owner/repo.git</c> or <c>git@host:owner/repo.git</c> (needs an OpenSSH client on the machine),
    /// or <c>file:///path/to/repo.git</c>.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>An access token sent as the password over https (never logged, never put in a URL).</summary>
    public string? Token { get; set; }

    /// <summary>The branch served and pushed to.</summary>
    public string Branch { get; set; } = "main";

    /// <summary>The fact folder inside the repository.</summary>
    public string Path { get; set; } = "facts";

    /// <summary>How often to fetch when no webhook arrives.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The secret the forge signs <c>POST /facts/webhook</c> with; the webhook is off while it is empty.</summary>
    public string? WebhookSecret { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);
}
