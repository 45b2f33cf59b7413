using System.Text;
using System.Text.RegularExpressions;
using Bot.Core.Facts;
using Bot.Core.Loading;

namespace Bot.Core.Editing;

/// <summary>
/// A change applied to a private copy of the fact folder and loaded there by the real loader: the new files' text,
/// the fact base they make, and every problem, with the same <c>path:line:col</c> diagnostics the loader gives for the
/// folder itself. The folder is never touched.
/// </summary>
public sealed partial record FactStagedChange(IReadOnlyDictionary<string, string> NewTexts, FactBase? Facts, IReadOnlyList<string> Problems)
{
    public bool IsValid => Facts is not null && Problems.Count == 0;

    /// <summary>Applies <paramref name="change"/> to a copy of <paramref name="folder"/> and loads the copy.</summary>
    public static FactStagedChange Stage(string folder, FactChange change, FactBaseLoader loader)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(loader);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var edit in change.Edits)
        {
            if (!SafePath().IsMatch(edit.RelativePath))
            {
                problems.Add($"{edit.RelativePath}: not a fact file path");
                continue;
            }

            var path = Path.Combine(folder, edit.RelativePath);
            var current = texts.TryGetValue(edit.RelativePath, out var pending) ? pending : File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;
            try
            {
                texts[edit.RelativePath] = edit.Apply(current);
            }
            catch (FactEditConflictException conflict)
            {
                problems.Add(conflict.Message);
            }
        }

        if (problems.Count > 0)
        {
            return new FactStagedChange(texts, null, problems);
        }

        var copy = Directory.CreateTempSubdirectory("bot-fact-edit-");
        try
        {
            foreach (var file in FactFolderScan.Of(folder).Files.Where(f => f.Length >= 0 && !texts.ContainsKey(f.RelativePath)))
            {
                var target = Path.Combine(copy.FullName, file.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(folder, file.RelativePath), target);
            }

            foreach (var (relative, text) in texts)
            {
                var target = Path.Combine(copy.FullName, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }

            // The same display root as the running store: diagnostics name files relative to the fact folder.
            var report = loader.Load(copy.FullName, displayRoot: "");
            return new FactStagedChange(texts, report.Facts, [.. report.Errors.Select(e => e.ToString())]);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"^(sources\.yaml|topics\.yaml|(people|events|quotes|positions)/[a-z0-9]+(-[a-z0-9]+)*\.yaml)$", RegexOptions.CultureInvariant)]
    private static partial Regex SafePath();
}
