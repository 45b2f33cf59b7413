namespace Bot.Core.Loading;

/// <summary>
/// What <see cref="FactBaseLoader"/> keeps between loads of one folder so that a reload reads and parses only the
/// files that changed: each file's validated result (<see cref="FileFacts"/>) under its size, write time and content
/// hash, and the parts of the last snapshot that unchanged facts can share. Whole-base checks are never cached.
/// Thread-safe: loads that share a cache run one at a time.
/// </summary>
public sealed class FactFileCache
{
    internal Lock Gate { get; } = new();

    internal string? Directory { get; set; }

    internal string? DisplayRoot { get; set; }

    internal Dictionary<string, CachedFile> Files { get; set; } = new(StringComparer.Ordinal);

    internal Facts.FactBase.Reusable? LastBase { get; set; }

    /// <summary>How many files the last load read from disk (changed, added or not yet trusted), and parsed.</summary>
    public (int Read, int Parsed) LastLoad { get; internal set; }

    internal void Reset(string directory, string displayRoot)
    {
        Directory = directory;
        DisplayRoot = displayRoot;
        Files = new(StringComparer.Ordinal);
        LastBase = null;
    }
}

/// <summary>
/// One file's result as of the last load, with what identified its content then, and when it was last read (a write
/// time close to that moment may hide a later save, see the loader). A list file also keeps its parsed items, so that
/// its next change is parsed item by item (see <see cref="ListFile"/>).
/// </summary>
internal sealed record CachedFile(long Length, long LastWriteTicks, byte[] ContentHash, DateTimeOffset ReadAt, FileFacts Facts, ListItems? Items);
