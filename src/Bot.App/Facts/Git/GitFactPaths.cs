namespace Bot.App.Facts.Git;

/// <summary>
/// Where the git fact source keeps its clones, under the bot's data folder (<c>Storage:DataPath</c>):
/// <c>facts-git/serve</c> is checked out at the commit being served, <c>facts-git/work</c> is where chat edits are
/// committed and pushed from. Both are the bot's own: anything else in them is discarded.
/// </summary>
internal sealed record GitFactPaths(string Root, string FactPath)
{
    public string Serve => System.IO.Path.Combine(Root, "serve");

    public string Work => System.IO.Path.Combine(Root, "work");

    /// <summary>The fact folder the store loads: the configured path inside the serving checkout.</summary>
    public string ServedFacts => FactsIn(Serve);

    public string FactsIn(string checkout) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(checkout, FactPath.Replace('/', System.IO.Path.DirectorySeparatorChar)));

    public static GitFactPaths From(IConfiguration configuration, string contentRoot, FactsGitOptions git)
    {
        var data = configuration["Storage:DataPath"];
        var folder = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(data) ? "data" : data, contentRoot);
        return new GitFactPaths(System.IO.Path.Combine(folder, "facts-git"), git.Path.Trim('/'));
    }
}
