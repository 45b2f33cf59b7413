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
/// <c>path:line:col</c>. Only I/O failures (a missing folder, an unreadable file) throw.
/// </summary>
public sealed class FactBaseLoader(TimeProvider time)
{
    public const string SourcesFileName = "sources.yaml";
    public const string TopicsFileName = "topics.yaml";

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithDuplicateKeyChecking() // a key given twice is an error, not "the last one wins"
        .Build();

    /// <summary>When set, facts whose <c>reviewed:</c> date is older than this are reported as warnings.</summary>
    public TimeSpan? StaleAfter { get; init; }

    /// <param name="directory">The fact folder.</param>
    /// <param name="displayRoot">How to spell the folder in diagnostics; defaults to <paramref name="directory"/>.</param>
    public FactLoadReport Load(string directory, string? displayRoot = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The fact folder '{directory}' does not exist.");
        }

        displayRoot ??= directory;
        var validator = new FactValidator(StaleAfter is { } age ? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime - age) : null);
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        var sources = Path.Combine(directory, SourcesFileName);
        if (File.Exists(sources))
        {
            Read<SourcesFile>(directory, SourcesFileName, displayRoot, validator, hash, validator.AddSources);
        }
        else
        {
            validator.Error(Display(displayRoot, SourcesFileName), 1, 1, "the fact base needs a sources.yaml listing every source");
        }

        if (File.Exists(Path.Combine(directory, TopicsFileName)))
        {
            Read<TopicsFile>(directory, TopicsFileName, displayRoot, validator, hash, validator.AddTopics);
        }

        foreach (var file in FilesIn(directory, "people"))
        {
            Read<PersonFile>(directory, file, displayRoot, validator, hash, validator.AddPerson);
        }

        foreach (var file in FilesIn(directory, "events"))
        {
            Read<EventFile>(directory, file, displayRoot, validator, hash, validator.AddEvent);
        }

        foreach (var file in FilesIn(directory, "quotes"))
        {
            Read<QuotesFile>(directory, file, displayRoot, validator, hash, validator.AddQuotes);
        }

        foreach (var file in FilesIn(directory, "positions"))
        {
            Read<PositionFile>(directory, file, displayRoot, validator, hash, validator.AddPosition);
        }

        validator.CheckAcrossFiles();
        var issues = validator.Issues
            .OrderBy(i => i.Path, StringComparer.Ordinal).ThenBy(i => i.Line).ThenBy(i => i.Column)
            .ToList();
        if (issues.Any(i => i.Severity == FactIssueSeverity.Error))
        {
            return new FactLoadReport(null, issues);
        }

        var version = Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
        var facts = new FactBase(validator.Sources, validator.Topics, validator.People, validator.Events, validator.Quotes, validator.Positions, version, time.GetUtcNow());
        return new FactLoadReport(facts, issues);
    }

    private static IEnumerable<string> FilesIn(string directory, string folder)
    {
        var path = Path.Combine(directory, folder);
        if (!Directory.Exists(path))
        {
            return [];
        }

        return Directory.EnumerateFiles(path, "*.*", SearchOption.TopDirectoryOnly)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
    }

    private static void Read<T>(string directory, string relativePath, string displayRoot, FactValidator validator, IncrementalHash hash, Action<ParsedFile, T> add)
        where T : class
    {
        var displayPath = Display(displayRoot, relativePath);
        var text = File.ReadAllText(Path.Combine(directory, relativePath), Encoding.UTF8);
        hash.AppendData(Encoding.UTF8.GetBytes(relativePath + "\0" + text + "\0"));

        var positions = new YamlPositions();
        T? dto;
        try
        {
            dto = Deserializer.Deserialize<T>(positions.RecordingParser(new Parser(new StringReader(text))));
        }
        catch (YamlException ex)
        {
            validator.Error(displayPath, (int)ex.Start.Line, (int)ex.Start.Column, Describe(ex));
            return;
        }

        if (dto is null)
        {
            validator.Error(displayPath, 1, 1, "the file is empty");
            return;
        }

        add(new ParsedFile(displayPath, relativePath, positions), dto);
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
