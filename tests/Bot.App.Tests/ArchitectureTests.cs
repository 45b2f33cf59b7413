using System.Reflection;

namespace Bot.App.Tests;

public sealed class ArchitectureTests
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
