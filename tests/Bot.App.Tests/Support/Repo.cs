using System.Runtime.CompilerServices;

namespace Bot.App.Tests.Support;

internal static class Repo
{
    /// <summary>The repository root: the folder holding Bot.sln above the test binaries, or (with a separate artifacts path) above this source file.</summary>
    public static string Root { get; } = FindRoot();

    public static string Facts => Path.Combine(Root, "facts");

    /// <summary>Copies the real fact base (the files matching <paramref name="pattern"/>) into a test's own folder, which the test may then edit.</summary>
    public static void CopyFactsTo(string folder, string pattern = "*")
    {
        foreach (var file in Directory.EnumerateFiles(Facts, pattern, SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(Facts, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }
}
