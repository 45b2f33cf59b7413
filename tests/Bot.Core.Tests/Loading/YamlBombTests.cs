using System.Text;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Loading;

/// <summary>
/// Hostile YAML in a fact file (an alias "billion laughs" and a 10,000-deep nesting) is refused with located
/// diagnostics (the loader never expands the aliases into a huge value or recurses without bound).
/// </summary>
public sealed class YamlBombTests
{
    [Fact]
    public void An_alias_bomb_in_a_fact_file_is_refused_with_a_located_diagnostic()
    {
        var bomb = new StringBuilder("id: pedro-castillo\nname: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (var i = 1; i <= 9; i++)
        {
            bomb.Append($"x{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        using var folder = new TempFactFolder().Write("people/pedro-castillo.yaml", bomb.ToString());

        var report = folder.Load();

        Assert.Null(report.Facts);
        Assert.Contains(report.Errors, e => e.Path == "facts/people/pedro-castillo.yaml" && e.Line >= 1);
    }

    [Fact]
    public void A_10000_deep_nesting_in_a_fact_file_is_refused_with_a_diagnostic()
    {
        var deep = "id: pedro-castillo\nname: " + new string('[', 10_000) + new string(']', 10_000) + "\n";
        using var folder = new TempFactFolder().Write("people/pedro-castillo.yaml", deep);

        var report = folder.Load();

        Assert.Null(report.Facts);
        Assert.Contains(report.Errors, e => e.Path == "facts/people/pedro-castillo.yaml");
    }
}
