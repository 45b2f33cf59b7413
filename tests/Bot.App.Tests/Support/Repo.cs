namespace Bot.App.Tests.Support;

internal static class Repo
{
    /// <summary>The repository root: the folder holding Bot.sln above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string Facts => Path.Combine(Root, "facts");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }
}
