namespace Bot.App.Facts;

/// <summary>
/// Finds the fact folder without configuration: the folder given, else a <c>facts/</c> folder in the working
/// directory or any parent (running from the repository), else the one shipped next to the binary (publish output
/// and the container image).
/// </summary>
internal static class FactsLocator
{
    public static string? Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "facts");
            if (File.Exists(Path.Combine(candidate, Core.Loading.FactBaseLoader.SourcesFileName)))
            {
                return candidate;
            }
        }

        var bundled = Path.Combine(AppContext.BaseDirectory, "facts");
        return Directory.Exists(bundled) ? bundled : null;
    }
}
