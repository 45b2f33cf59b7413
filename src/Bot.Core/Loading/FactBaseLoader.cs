using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Bot.Core.Facts;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bot.Core.Loading;

/// <summary>
/// Loads a fact folder (<c>sources.yaml</c>, <c>topics.yaml</c>, <c>people/</c>, <c>events/</c>, <c>quotes/</c>,
/// <c>positions/</c>, <c>vocabulary.yaml</c>) into an immutable <see cref="FactBase"/>, from scratch every time. Bad content never throws:
/// every problem comes back in the report, located as <c>path:line:col</c>, including a file that is too large, not
/// UTF-8 or cannot be read at all (a symbolic link loop). Only a missing folder throws.
/// </summary>
public sealed class FactBaseLoader(TimeProvider time)
{
    public const string SourcesFileName = "sources.yaml";
    public const string TopicsFileName = "topics.yaml";
    public const string VocabularyFileName = "vocabulary.yaml";

    /// <summary>The default largest fact file: the biggest real one is about 45 KB.</summary>
    public const long DefaultMaxFileBytes = 2L * 1024 * 1024;

    /// <summary>The default largest fact base (all files together): a hundred times the real base fits.</summary>
    public const long DefaultMaxBaseBytes = 64L * 1024 * 1024;

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithDuplicateKeyChecking() // a key given twice is an error, not "the last one wins"
        .WithTypeInspector(inner => new RememberedConverters(inner))
        .WithoutNodeDeserializer<YamlDotNet.Serialization.NodeDeserializers.YamlConvertibleNodeDeserializer>()
        .WithoutNodeDeserializer<YamlDotNet.Serialization.NodeDeserializers.YamlSerializableNodeDeserializer>()
        .WithoutNodeDeserializer<YamlDotNet.Serialization.NodeDeserializers.TypeConverterNodeDeserializer>()
        .WithoutNodeDeserializer<YamlDotNet.Serialization.NodeDeserializers.EnumerableNodeDeserializer>()
        .WithoutNodeTypeResolver<YamlDotNet.Serialization.NodeTypeResolvers.YamlConvertibleTypeResolver>()
        .WithoutNodeTypeResolver<YamlDotNet.Serialization.NodeTypeResolvers.YamlSerializableTypeResolver>()
        .Build();

    /// <summary>When set, facts whose <c>reviewed:</c> date is older than this are reported as warnings.</summary>
    public TimeSpan? StaleAfter { get; init; }

    /// <summary>A file larger than this is refused before it is read (memory grows about ten times a file's size).</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>A folder whose files together are larger than this is refused before any file is read.</summary>
    public long MaxBaseBytes { get; init; } = DefaultMaxBaseBytes;

    /// <param name="directory">The fact folder.</param>
    /// <param name="displayRoot">How to spell the folder in diagnostics; defaults to <paramref name="directory"/>.</param>
    /// <param name="scan">The folder listing to load from, when the caller has just taken it; else it is taken now.</param>
    /// <param name="version">
    /// The version the snapshot is known by (a git commit's short sha); by default a hash of the files' paths and contents.
    /// </param>
    public FactLoadReport Load(string directory, string? displayRoot = null, FactFolderScan? scan = null, string? version = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The fact folder '{directory}' does not exist.");
        }

        displayRoot ??= directory;
        scan = scan is not null && scan.Directory == directory ? scan : FactFolderScan.Of(directory);
        var now = time.GetUtcNow();
        var validator = new FactValidator(StaleAfter is { } age ? DateOnly.FromDateTime(now.UtcDateTime - age) : null);
        if (scan.Files.Length == 0 || scan.Files[0].RelativePath != SourcesFileName)
        {
            validator.Error(Display(displayRoot, SourcesFileName), 1, 1, "the fact base needs a sources.yaml listing every source");
        }

        if (!Array.Exists(scan.Files, f => f.RelativePath == VocabularyFileName))
        {
            validator.Warning(Display(displayRoot, VocabularyFileName), 1, 1, VocabularyFileValidator.Missing);
        }

        // Sizes are checked from the listing, before anything is read: a huge file must not take the memory. A file
        // over its own cap is reported at its path (when it is read, below) and not counted toward the base's.
        var total = scan.Files.Where(f => f.Length <= MaxFileBytes).Sum(f => Math.Max(0, f.Length));
        if (total > MaxBaseBytes)
        {
            validator.Error(displayRoot, 1, 1, $"the fact files together are {Size(total)}, more than the {Size(MaxBaseBytes)} a fact base may have (Facts:MaxBaseBytes)");
            return Report(validator, null, scan);
        }

        // Files are read, hashed, parsed and checked on their own, side by side (the bulk of a load); what they found
        // is then added in the listing's order, so the report and the snapshot do not depend on which finished first.
        var loaded = new (byte[]? Hash, FileFacts? Facts, FactIssue? Unread)[scan.Files.Length];
        Parallel.For(0, scan.Files.Length, i =>
        {
            var file = scan.Files[i];
            var display = Display(displayRoot, file.RelativePath);
            var (bytes, unread) = Read(Path.Combine(directory, file.RelativePath), display, file.Length);
            loaded[i] = bytes is null ? (null, null, unread) : (SHA256.HashData(bytes), Parse(file.RelativePath, display, bytes), null);
        });

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < loaded.Length; i++)
        {
            var (fileHash, facts, unread) = loaded[i];
            if (unread is not null)
            {
                validator.Error(unread.Path, unread.Line, unread.Column, unread.Message);
                continue;
            }

            hash.AppendData(Encoding.UTF8.GetBytes(scan.Files[i].RelativePath + "\0"));
            hash.AppendData(fileHash!);
            validator.Add(facts!);
        }

        validator.CheckAcrossFiles();
        var contentVersion = Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
        return Report(validator, version ?? contentVersion, scan, now);
    }

    private static FactLoadReport Report(FactValidator validator, string? version, FactFolderScan scan, DateTimeOffset loadedAt = default)
    {
        var issues = validator.Issues
            .OrderBy(i => i.Path, StringComparer.Ordinal).ThenBy(i => i.Line).ThenBy(i => i.Column)
            .ToList();
        if (version is null || issues.Exists(i => i.Severity == FactIssueSeverity.Error))
        {
            return new FactLoadReport(null, issues) { Scan = scan };
        }

        var facts = new FactBase(validator.Sources, validator.Topics, validator.People, validator.Events, validator.Quotes, validator.Positions, version, loadedAt)
        {
            Vocabulary = validator.Vocabulary ?? Vocabulary.Empty,
        };
        return new FactLoadReport(facts, issues) { Scan = scan };
    }

    /// <summary>
    /// The file's bytes, or null with the error when it is larger than <see cref="MaxFileBytes"/> (as listed, or as it
    /// turns out while reading) or cannot be read (a symbolic link loop, a dangling link, no permission).
    /// </summary>
    private (byte[]? Bytes, FactIssue? Unread) Read(string path, string display, long listedLength)
    {
        if (listedLength > MaxFileBytes)
        {
            return (null, Unread(display, TooLarge(listedLength)));
        }

        try
        {
            // The length is checked again on the open file: it may have grown since the listing. Only what was there
            // when it was opened is read; a file still being written is listed differently and read again next time.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            var length = stream.Length;
            if (length > MaxFileBytes)
            {
                return (null, Unread(display, TooLarge(length)));
            }

            var buffer = new byte[length];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return (read == buffer.Length ? buffer : buffer[..read], null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, Unread(display, $"the file cannot be read ({ex.GetType().Name}: {ex.Message})"));
        }

        static FactIssue Unread(string display, string message) => new(display, 1, 1, FactIssueSeverity.Error, message);
    }

    private string TooLarge(long length) =>
        $"the file is {Size(length)}, more than the {Size(MaxFileBytes)} a fact file may have (Facts:MaxFileBytes); split it";

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB");

    /// <summary>Decodes and parses one file, then validates it on its own; never throws for bad content.</summary>
    internal static FileFacts Parse(string relativePath, string displayPath, byte[] bytes)
    {
        if (!TryDecode(bytes, out var text, out var invalidAt))
        {
            var file = new ParsedFile(displayPath, relativePath, new YamlPositions(""));
            return FactFileValidator.Unreadable(file, invalidAt.Line, invalidAt.Column, "the file is not valid UTF-8 here; save it as UTF-8");
        }

        return ParseWhole(relativePath, displayPath, text);
    }

    /// <summary>Parses and validates one file as a whole document; never throws for bad content.</summary>
    internal static FileFacts ParseWhole(string relativePath, string displayPath, string text)
    {
        var positions = new YamlPositions(text);
        var file = new ParsedFile(displayPath, relativePath, positions);
        object? dto;
        try
        {
            var parser = new Parser(new StringReader(text));
            dto = relativePath switch
            {
                SourcesFileName => Deserializer.Deserialize<SourcesFile>(parser),
                TopicsFileName => Deserializer.Deserialize<TopicsFile>(parser),
                VocabularyFileName => Deserializer.Deserialize<VocabularyFile>(parser),
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

    /// <summary>
    /// The text of a UTF-8 file (with or without a byte order mark), or of a UTF-16 or UTF-32 file with one; false with
    /// the line and column of the first byte that is not UTF-8, which would otherwise be served as "�".
    /// </summary>
    internal static bool TryDecode(byte[] bytes, out string text, out (int Line, int Column) invalidAt)
    {
        invalidAt = default;
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || span.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
            return true;
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        if (Utf8.IsValid(span))
        {
            text = Encoding.UTF8.GetString(span);
            return true;
        }

        text = "";
        var (line, column) = (1, 1);
        while (Rune.DecodeFromUtf8(span, out var rune, out var consumed) == OperationStatus.Done)
        {
            (line, column) = rune.Value == '\n' ? (line + 1, 1) : (line, column + 1);
            span = span[consumed..];
        }

        invalidAt = (line, column);
        return false;
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
