using System.Reflection;
using System.Text.RegularExpressions;
using Bot.App.Tests.Support;

namespace Bot.App.Tests;

public sealed partial class ArchitectureTests
{
    [Fact]
    public void The_core_references_no_web_discord_or_slack_code()
    {
        var core = typeof(Bot.Core.Querying.QueryEngine).Assembly;

        var references = core.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.Contains("Discord", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(references, n => n.Contains("Slack", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(references, n => n.StartsWith("Bot.", StringComparison.Ordinal));
    }

    [Fact]
    public void Core_types_name_no_platform_in_their_namespace()
    {
        var core = typeof(Bot.Core.Querying.QueryEngine).Assembly;

        Assert.DoesNotContain(core.GetTypes(), t => t.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is null
            && (t.Name.Contains("Discord", StringComparison.Ordinal) || t.Name.Contains("Slack", StringComparison.Ordinal)));
    }

    /// <summary>The facts are the bottom layer: loading them, querying them and free-text search build on them.</summary>
    private static readonly string[] AboveFacts = ["Loading", "Querying", "Asking"];

    [Fact]
    public void Core_namespaces_depend_on_each_other_in_one_direction_only()
    {
        var uses = CoreNamespaceDependencies();

        Assert.All(AboveFacts, above => Assert.DoesNotContain(above, uses["Facts"]));
        foreach (var start in uses.Keys)
        {
            var cycle = PathBack(start, start, uses, []);
            Assert.True(cycle is null, $"Core namespaces depend on each other in a circle: {start} -> {string.Join(" -> ", cycle ?? [])}");
        }
    }

    [Fact]
    public void Each_core_file_is_in_the_namespace_of_its_folder()
    {
        var core = Path.Combine(Repo.Root, "src", "Bot.Core");
        foreach (var file in CoreSources(core))
        {
            var folder = Path.GetRelativePath(core, Path.GetDirectoryName(file)!).Replace(Path.DirectorySeparatorChar, '.');
            Assert.Contains($"namespace Bot.Core.{folder};", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// For each namespace (folder) of Bot.Core, the other Core namespaces its source files name: in a using directive,
    /// or as a qualifier (<c>Bot.Core.Facts.FactBase</c>, <c>Core.Facts.FactBase</c>, <c>Facts.FactBase</c>).
    /// </summary>
    private static Dictionary<string, HashSet<string>> CoreNamespaceDependencies()
    {
        var core = Path.Combine(Repo.Root, "src", "Bot.Core");
        var names = Directory.EnumerateDirectories(core).Select(Path.GetFileName).Where(n => n is not ("bin" or "obj")).Select(n => n!).ToHashSet(StringComparer.Ordinal);
        var uses = names.ToDictionary(n => n, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var file in CoreSources(core))
        {
            var own = Path.GetRelativePath(core, file).Split(Path.DirectorySeparatorChar)[0];
            var text = Comments().Replace(File.ReadAllText(file), "");
            foreach (Match match in CoreReference().Matches(text))
            {
                var name = match.Groups["name"].Value;
                if (names.Contains(name) && name != own)
                {
                    uses[own].Add(name);
                }
            }
        }

        return uses;
    }

    private static IEnumerable<string> CoreSources(string core) =>
        Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(core, f).StartsWith("bin", StringComparison.Ordinal) && !Path.GetRelativePath(core, f).StartsWith("obj", StringComparison.Ordinal));

    /// <summary>A way from <paramref name="from"/> back to <paramref name="target"/> along the dependencies, if there is one.</summary>
    private static List<string>? PathBack(string from, string target, Dictionary<string, HashSet<string>> uses, HashSet<string> seen)
    {
        foreach (var next in uses[from])
        {
            if (next == target)
            {
                return [next];
            }

            if (seen.Add(next) && PathBack(next, target, uses, seen) is { } rest)
            {
                return [next, .. rest];
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?<![\w.])(?:Bot\.)?(?:Core\.)?(?<name>[A-Z]\w*)(?=\s*;|\.[A-Z])", RegexOptions.ExplicitCapture)]
    private static partial Regex CoreReference();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [Fact]
    public void The_chat_adapters_get_every_answer_through_the_one_async_pipeline()
    {
        var engine = typeof(Bot.Core.Querying.QueryEngine);
        var adapters = new[] { typeof(Bot.Discord.DiscordAnswerRenderer).Assembly, typeof(Bot.Slack.SlackAnswerRenderer).Assembly };

        var called = adapters.SelectMany(CalledMethods).Where(m => m.DeclaringType == engine).Select(m => m.Name).Distinct().Order().ToList();

        Assert.Contains(nameof(Bot.Core.Querying.QueryEngine.AnswerAsync), called);
        Assert.DoesNotContain(nameof(Bot.Core.Querying.QueryEngine.Answer), called); // the pure step skips rate limits and metrics
    }

    /// <summary>Every method a <c>call</c> or <c>callvirt</c> in the assembly's IL targets (async state machines included).</summary>
    private static IEnumerable<MethodBase> CalledMethods(Assembly assembly)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
            {
                var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
                for (var i = 0; i + 4 < il.Length; i++)
                {
                    // call (0x28) and callvirt (0x6F) take a method token; other bytes that look alike fail to resolve.
                    if (il[i] is not (0x28 or 0x6F))
                    {
                        continue;
                    }

                    MethodBase? target;
                    try
                    {
                        target = method.Module.ResolveMethod(BitConverter.ToInt32(il, i + 1), type.IsGenericType ? type.GetGenericArguments() : null, method.IsGenericMethod ? method.GetGenericArguments() : null);
                    }
                    catch (Exception e) when (e is ArgumentException or BadImageFormatException or MissingMethodException or TypeLoadException)
                    {
                        continue;
                    }

                    if (target is not null)
                    {
                        yield return target;
                    }
                }
            }
        }
    }
}
