using System.Globalization;
using Bot.Core.Facts;
using Bot.Core.Querying;
using Bot.Discord.Tests.Support;
using Xunit.Abstractions;

namespace Bot.Discord.Tests;

/// <summary>
/// How long answers are on Discord: the visible embed text (links counted as their text) of every answer the real
/// base gives, per command and language. Reproduce with
/// <c>dotnet test tests/Bot.Discord.Tests --filter AnswerSizeReport --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class AnswerSizeReport(ITestOutputHelper output)
{
    [Fact]
    public void Prints_the_mean_and_longest_visible_embed_text_per_command_and_language()
    {
        var engine = new QueryEngine(new FixedFactStore(TestFacts.Real));
        var sizes = RealAnswers.All(engine)
            .Select(a => (a.Command, Language: a.Answer.Language, a.Asked, Length: VisibleText.EmbedLength(DiscordAnswerRenderer.Render(a.Answer))))
            .ToList();

        output.WriteLine("Discord visible embed text (characters)");
        foreach (var group in sizes.GroupBy(s => (s.Command, s.Language)).OrderBy(g => g.Key.Command, StringComparer.Ordinal).ThenBy(g => g.Key.Language, StringComparer.Ordinal))
        {
            var longest = group.MaxBy(s => s.Length);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key.Command,-10} {group.Key.Language}  answers {group.Count(),4}  mean {group.Average(s => s.Length),6:F0}  max {longest.Length,5}  ({longest.Asked})"));
        }

        Assert.True(sizes.Count > 200, $"only {sizes.Count} answers were measured");
    }
}
