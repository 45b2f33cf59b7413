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
}
