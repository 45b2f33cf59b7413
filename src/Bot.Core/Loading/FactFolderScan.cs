using System.IO.Enumeration;

namespace Bot.Core.Loading;

/// <summary>One fact file as the folder listing saw it.</summary>
internal readonly record struct ScannedFile(string RelativePath, long Length, long LastWriteTicks);

/// <summary>
/// The fact files of a folder with their sizes and write times, in load order: cheap to take (no file is opened),
/// and different after any save: the watcher reloads only when the listing differs from the one the last load read.
/// </summary>
public sealed class FactFolderScan
{
    private static readonly string[] Folders = ["people", "events", "quotes", "positions"];
    private static readonly EnumerationOptions Options = new() { AttributesToSkip = 0, IgnoreInaccessible = false };
    private static readonly Comparer<ScannedFile> ByPath = Comparer<ScannedFile>.Create((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));

    private FactFolderScan(string directory, ScannedFile[] files)
    {
        Directory = directory;
        Files = files;
    }

    public string Directory { get; }

    public int Count => Files.Length;

    internal ScannedFile[] Files { get; }

    /// <summary>Lists <c>sources.yaml</c>, <c>topics.yaml</c>, <c>vocabulary.yaml</c> and the YAML files of the fact folders.</summary>
    public static FactFolderScan Of(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var files = new List<ScannedFile>();
        foreach (var name in (string[])[FactBaseLoader.SourcesFileName, FactBaseLoader.TopicsFileName, FactBaseLoader.VocabularyFileName])
        {
            var info = new FileInfo(Path.Combine(directory, name));
            if (info.Exists)
            {
                files.Add(Stat(name, info));
            }
        }

        foreach (var folder in Folders)
        {
            var path = Path.Combine(directory, folder);
            if (!System.IO.Directory.Exists(path))
            {
                continue;
            }

            // Straight from the directory entries: no FileInfo per file, one stat each for size and write time.
            var start = files.Count;
            var prefix = folder + "/";
            files.AddRange(new FileSystemEnumerable<ScannedFile>(
                path,
                (ref entry) => (entry.Attributes & FileAttributes.ReparsePoint) != 0
                    ? Stat(prefix + entry.FileName.ToString(), new FileInfo(entry.ToFullPath()))
                    : new ScannedFile(prefix + entry.FileName.ToString(), entry.Length, entry.LastWriteTimeUtc.UtcTicks),
                Options)
            {
                ShouldIncludePredicate = (ref entry) => !entry.IsDirectory
                    && (entry.FileName.EndsWith(".yaml", StringComparison.Ordinal) || entry.FileName.EndsWith(".yml", StringComparison.Ordinal)),
            });
            files.Sort(start, files.Count - start, ByPath);
        }

        return new FactFolderScan(directory, [.. files]);
    }

    /// <summary>
    /// Size and write time of the file, or of the file a symbolic link finally points to (a mounted volume may link
    /// every file elsewhere): the link's own never change when the file behind it is edited.
    /// </summary>
    private static ScannedFile Stat(string relativePath, FileInfo info)
    {
        if (info.LinkTarget is not null)
        {
            try
            {
                info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
            }
            catch (IOException)
            {
                return new ScannedFile(relativePath, -1, 0); // a link that leads back to itself: the read reports it
            }

            if (!info.Exists)
            {
                return new ScannedFile(relativePath, -1, 0); // a dangling link: the read reports it
            }
        }

        return new ScannedFile(relativePath, info.Length, info.LastWriteTimeUtc.Ticks);
    }

    /// <summary>True when both list the same files with the same sizes and write times.</summary>
    public bool SameAs(FactFolderScan? other) =>
        other is not null && other.Directory == Directory && Files.AsSpan().SequenceEqual(other.Files);
}
