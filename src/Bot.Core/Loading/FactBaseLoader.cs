using System.Security.Cryptography;
using System.Text;
using Bot.Core.Facts;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bot.Core.Loading;

/// <summary>
/// Loads a fact folder (<c>sources.yaml</c>, <c>topics.yaml</c>, <c>people/</c>, <c>events/</c>, <c>quotes/</c>,
/// <c>positions/</c>) into an
/// immutable <see cref="FactBase"/>. Bad content never throws: every problem comes back in the report, located as
/// <c>path:line:col</c>. Only I/O failures (a missing folder, an unreadable file) throw. With a
/// <see cref="FactFileCache"/>, a reload reads and parses only what changed; the checks across files always run in full.
/// </summary>
public sealed class FactBaseLoader(TimeProvider time)
{
    public const string SourcesFileName = "sources.yaml";
    public const string TopicsFileName = "topics.yaml";

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithDuplicateKeyChecking() // a key given twice is an error, not "the last one wins"
        .Build();

    /// <summary>
    /// Files written this close to the moment they were read are read again at the next load even if their size and
    /// write time look unchanged: a file system may keep write times coarser than the time between two saves.
    /// </summary>
    private static readonly TimeSpan TrustWriteTimesAfter = TimeSpan.FromSeconds(2);

    /// <summary>When set, facts whose <c>reviewed:</c> date is older than this are reported as warnings.</summary>
    public TimeSpan? StaleAfter { get; init; }

    /// <param name="directory">The fact folder.</param>
    /// <param name="displayRoot">How to spell the folder in diagnostics; defaults to <paramref name="directory"/>.</param>
    public FactLoadReport Load(string directory, string? displayRoot = null) => Load(directory, displayRoot, new FactFileCache());

    /// <summary>
    /// Loads the folder, reading and parsing only the files that changed since the last load that used
    /// <paramref name="cache"/>; every whole-base check runs again on every load.
    /// </summary>
    /// <param name="directory">The fact folder.</param>
    /// <param name="displayRoot">How to spell the folder in diagnostics; defaults to <paramref name="directory"/>.</param>
    /// <param name="cache">What the earlier loads of this folder kept; a new, empty cache reads every file.</param>
    /// <param name="scan">The folder listing to load from, when the caller has just taken it; else it is taken now.</param>
    public FactLoadReport Load(string directory, string? displayRoot, FactFileCache cache, FactFolderScan? scan = null) =>
        Run(directory, displayRoot, cache, scan, serving: true);

    /// <summary>
    /// Validates the folder as <see cref="Load(string, string?, FactFileCache, FactFolderScan?)"/> would (reading only
    /// what changed), for its report: the snapshot it builds is not the one the next load builds on, so checking the
    /// facts between two reloads costs the next reload nothing.
    /// </summary>
    public FactLoadReport Check(string directory, string? displayRoot, FactFileCache cache) => Run(directory, displayRoot, cache, scan: null, serving: false);

    private FactLoadReport Run(string directory, string? displayRoot, FactFileCache cache, FactFolderScan? scan, bool serving)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(cache);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The fact folder '{directory}' does not exist.");
        }

        displayRoot ??= directory;
        lock (cache.Gate)
        {
            if (cache.Directory != directory || cache.DisplayRoot != displayRoot)
            {
                cache.Reset(directory, displayRoot);
            }

            return LoadLocked(directory, displayRoot, cache, scan is not null && scan.Directory == directory ? scan : FactFolderScan.Of(directory), serving);
        }
    }

    private FactLoadReport LoadLocked(string directory, string displayRoot, FactFileCache cache, FactFolderScan scan, bool serving)
    {
        var now = time.GetUtcNow();
        var validator = new FactValidator(StaleAfter is { } age ? DateOnly.FromDateTime(now.UtcDateTime - age) : null);
        var version = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (scan.Files.Length == 0 || scan.Files[0].RelativePath != SourcesFileName)
        {
            validator.Error(Display(displayRoot, SourcesFileName), 1, 1, "the fact base needs a sources.yaml listing every source");
        }

        var files = new Dictionary<string, CachedFile>(scan.Files.Length, StringComparer.Ordinal);
        int read = 0, parsed = 0;
        foreach (var file in scan.Files)
        {
            cache.Files.TryGetValue(file.RelativePath, out var cached);
            if (cached is null || cached.Length != file.Length || cached.LastWriteTicks != file.LastWriteTicks
                || file.LastWriteTicks >= (cached.ReadAt - TrustWriteTimesAfter).UtcTicks)
            {
                read++;
                var bytes = File.ReadAllBytes(Path.Combine(directory, file.RelativePath));
                var hash = SHA256.HashData(bytes);
                if (cached is not null && hash.AsSpan().SequenceEqual(cached.ContentHash))
                {
                    cached = cached with { Length = file.Length, LastWriteTicks = file.LastWriteTicks, ReadAt = now };
                }
                else
                {
                    parsed++;
                    var fileFacts = Parse(file.RelativePath, Display(displayRoot, file.RelativePath), bytes, cached?.Items, out var items);
                    cached = new CachedFile(file.Length, file.LastWriteTicks, hash, now, fileFacts, items);
                }
            }

            files[file.RelativePath] = cached;
            version.AppendData(Encoding.UTF8.GetBytes(file.RelativePath + "\0"));
            version.AppendData(cached.ContentHash);
            validator.Add(cached.Facts);
        }

        cache.Files = files; // files no longer in the folder are dropped
        cache.LastLoad = (read, parsed);
        validator.CheckAcrossFiles();
        var issues = validator.Issues
            .OrderBy(i => i.Path, StringComparer.Ordinal).ThenBy(i => i.Line).ThenBy(i => i.Column)
            .ToList();
        if (issues.Exists(i => i.Severity == FactIssueSeverity.Error))
        {
            return new FactLoadReport(null, issues) { Scan = scan };
        }

        var facts = new FactBase(
            validator.Sources, validator.Topics, validator.People, validator.Events, validator.Quotes, validator.Positions,
            Convert.ToHexStringLower(version.GetHashAndReset())[..12], now, cache.LastBase);
        if (serving)
        {
            cache.LastBase = facts.ForNextLoad;
        }

        return new FactLoadReport(facts, issues) { Scan = scan };
    }

    /// <summary>
    /// Parses and validates one file on its own; never throws for bad content. The list files are parsed item by
    /// item, taking the items whose text is unchanged from <paramref name="previousItems"/> (see <see cref="ListFile"/>);
    /// <paramref name="items"/> is what to pass for that file next time (null for other files).
    /// </summary>
    internal static FileFacts Parse(string relativePath, string displayPath, byte[] bytes, ListItems? previousItems, out ListItems? items)
    {
        var text = Decode(bytes);
        items = null;
        switch (relativePath)
        {
            case SourcesFileName when ListFile.TryParse<SourceEntry>(text, "sources", Deserializer, previousItems, out var sources, out var positions, out items):
                return FactFileValidator.ValidateList(new ParsedFile(displayPath, relativePath, positions), "sources", sources);
            case TopicsFileName when ListFile.TryParse<TopicEntry>(text, "topics", Deserializer, previousItems, out var topics, out var positions, out items):
                return FactFileValidator.ValidateList(new ParsedFile(displayPath, relativePath, positions), "topics", topics);
            default:
                return ParseWhole(relativePath, displayPath, text);
        }
    }

    /// <summary>Parses and validates one file as a whole document; never throws for bad content.</summary>
    internal static FileFacts ParseWhole(string relativePath, string displayPath, string text)
    {
        var positions = new YamlPositions();
        var file = new ParsedFile(displayPath, relativePath, positions);
        object? dto;
        try
        {
            var parser = positions.RecordingParser(new Parser(new StringReader(text)));
            dto = relativePath switch
            {
                SourcesFileName => Deserializer.Deserialize<SourcesFile>(parser),
                TopicsFileName => Deserializer.Deserialize<TopicsFile>(parser),
                _ when relativePath.StartsWith("people/", StringComparison.Ordinal) => Deserializer.Deserialize<PersonFile>(parser),
                _ when relativePath.StartsWith("events/", StringComparison.Ordinal) => Deserializer.Deserialize<EventFile>(parser),
                _ when relativePath.StartsWith("quotes/", StringComparison.Ordinal) => Deserializer.Deserialize<QuotesFile>(parser),
                _ => Deserializer.Deserialize<PositionFile>(parser),
            };
        }
        catch (YamlException ex)
        {
            return FactFileValidator.Unreadable(file, (int)ex.Start.Line, (int)ex.Start.Column, Describe(ex));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser throws this, without a location, for more content after a '...' marker.
            var (line, column) = positions.LastRead;
            return FactFileValidator.Unreadable(file, line, column, "invalid YAML: the text is not one YAML document (look for a stray '...' or '---' line)");
        }

        return dto is null ? FactFileValidator.Unreadable(file, 1, 1, "the file is empty") : FactFileValidator.Validate(file, dto);
    }

    /// <summary>UTF-8, or what a byte order mark says.</summary>
    internal static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static string Display(string displayRoot, string relativePath) =>
        displayRoot.Length == 0 ? relativePath : $"{displayRoot.TrimEnd('/', '\\')}/{relativePath}";

    /// <summary>YamlDotNet's messages name CLR types; say it in the fact file's terms instead.</summary>
    private static string Describe(YamlException ex)
    {
        var innermost = ex;
        while (innermost.InnerException is YamlException inner)
        {
            innermost = inner;
        }

        var message = innermost.InnerException?.Message ?? innermost.Message;
        const string NotFound = "' not found on type";
        var at = message.IndexOf(NotFound, StringComparison.Ordinal);
        if (message.StartsWith("Property '", StringComparison.Ordinal) && at > 0)
        {
            return $"unknown key '{message[10..at]}'";
        }

        if (message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase))
        {
            var key = message.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim('\'', '"', '.');
            return string.IsNullOrEmpty(key) ? "a key is given twice in this mapping" : $"the key '{key}' is given twice";
        }

        return $"invalid YAML: {message}";
    }
}
