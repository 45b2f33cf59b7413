namespace Bot.Bench;

internal static class Paths
{
    public static string Facts { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
            {
                return Path.Combine(dir.FullName, "facts");
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
