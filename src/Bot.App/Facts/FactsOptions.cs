using Bot.App.Facts.Git;
using Bot.Core.Querying;

namespace Bot.App.Facts;

/// <summary>Where the fact base lives. Empty means the bundled <c>facts/</c> folder.</summary>
public sealed class FactsOptions
{
    public const string SectionName = "Facts";

    /// <summary>A fact folder; relative paths are resolved from the working directory. Not used when <c>Facts:Git:Url</c> is set.</summary>
    public string? Path { get; set; }

    /// <summary>Reload the facts when their files change, without a restart.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>
    /// How long no file event may arrive before a reload, so that one save (an editor writes a file in one burst, a
    /// few milliseconds) or a burst of saves reloads once.
    /// </summary>
    public int DebounceMilliseconds { get; set; } = 50;

    /// <summary>How often to look for changes the file watcher may miss (network and container volumes).</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>/facts check warns about facts whose <c>reviewed:</c> date is older than this many days.</summary>
    public int StaleAfterDays { get; set; } = DefaultStaleAfterDays;

    public const int DefaultStaleAfterDays = Freshness.DefaultStaleAfterDays;

    /// <summary>A fact file larger than this is refused, with a diagnostic, before it is read.</summary>
    public long MaxFileBytes { get; set; } = Core.Loading.FactBaseLoader.DefaultMaxFileBytes;

    /// <summary>A fact folder whose files together are larger than this is refused, with a diagnostic, before any is read.</summary>
    public long MaxBaseBytes { get; set; } = Core.Loading.FactBaseLoader.DefaultMaxBaseBytes;

    /// <summary>A git repository to serve the fact base from (see <see cref="FactsGitOptions"/>).</summary>
    public FactsGitOptions Git { get; set; } = new();
}
