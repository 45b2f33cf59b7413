using Bot.Core.Loading;

namespace Bot.Core.Tests.Support;

/// <summary>A private copy of the good fixture that a test may break, deleted afterwards.</summary>
internal sealed class TempFactFolder : IDisposable
{
    public TempFactFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bot-facts-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(TestFacts.GoodFolder, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(TestFacts.GoodFolder, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Path { get; }

    public TempFactFolder Write(string relativePath, string content)
    {
        var target = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.WriteAllText(target, content.ReplaceLineEndings("\n"));
        return this;
    }

    public TempFactFolder Delete(string relativePath)
    {
        File.Delete(System.IO.Path.Combine(Path, relativePath));
        return this;
    }

    public FactLoadReport Load() => new FactBaseLoader(TimeProvider.System).Load(Path, "facts");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }
}
