using System.Globalization;
using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Querying;
using Xunit.Abstractions;

namespace Bot.Slack.Tests;

/// <summary>
/// How long answers are on Slack: the visible text of every answer's text blocks over the real base, per command and
/// language. Reproduce with
/// <c>dotnet test tests/Bot.Slack.Tests --filter SlackAnswerSizeReport --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class SlackAnswerSizeReport(ITestOutputHelper output)
{
    [Fact]
    public void Prints_the_mean_and_longest_visible_text_per_command_and_language()
    {
        var engine = new QueryEngine(new FixedFactStore(TestFacts.Real));
        var sizes = RealAnswers(engine)
            .Select(a => (a.Command, a.Answer.Language, a.Asked, Length: SlackVisibleText.Length(SlackAnswerRenderer.Render(a.Answer))))
            .ToList();

        output.WriteLine("Slack visible text of the text blocks (characters)");
        foreach (var group in sizes.GroupBy(s => (s.Command, s.Language)).OrderBy(g => g.Key.Command, StringComparer.Ordinal).ThenBy(g => g.Key.Language, StringComparer.Ordinal))
        {
            var longest = group.MaxBy(s => s.Length);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key.Command,-10} {group.Key.Language}  answers {group.Count(),4}  mean {group.Average(s => s.Length),6:F0}  max {longest.Length,5}  ({longest.Asked})"));
        }

        Assert.True(sizes.Count > 200, $"only {sizes.Count} answers were measured");
    }

    /// <summary>
    /// Every answer the real base gives to the commands members use, in both languages, every page: each person's
    /// <c>/who</c>, <c>/ask</c> about each person and topic, every timeline, quote, positions and sources page, and help.
    /// </summary>
    internal static IEnumerable<(string Command, string Asked, Answer Answer)> RealAnswers(QueryEngine engine)
    {
        var facts = TestFacts.Real;
        foreach (var locale in (string[])[BotLanguage.English, BotLanguage.Spanish])
        {
            var asked = new List<string> { "/help" };
            asked.AddRange(CommandCatalog.All.Select(c => "/help " + c.Name));
            asked.AddRange(facts.People.Select(p => "/who " + p.Id));
            asked.AddRange(facts.People.Select(p => "/ask " + p.Name));
            asked.AddRange(facts.Topics.Select(t => "/ask " + t.Name));
            asked.AddRange(CommandCatalog.All.SelectMany(c => c.Examples).Where(e => !e.StartsWith("/facts", StringComparison.Ordinal) && !e.StartsWith("/report", StringComparison.Ordinal)));
            asked.Add("/timeline");
            asked.AddRange(facts.People.Select(p => "/timeline person:" + p.Id));
            asked.AddRange(facts.Topics.Select(t => "/timeline topic:" + t.Id));
            asked.AddRange(facts.Quotes.Select(q => q.Speaker).Distinct(StringComparer.Ordinal).Select(s => "/quote " + s));
            asked.Add("/positions");
            asked.AddRange(facts.Topics.Select(t => "/positions " + t.Id));
            asked.Add("/sources");

            foreach (var text in asked.Distinct(StringComparer.Ordinal))
            {
                var first = engine.Answer(text, locale);
                var command = text.TrimStart('/').Split(' ')[0];
                yield return (command, text + " @" + locale, first);
                var next = first.Paging?.Next;
                for (var pages = 1; next is not null && pages < 200; pages++)
                {
                    var page = engine.Answer(next.ToRequest(locale));
                    yield return (command, $"{text} → page {page.Paging?.Page} @{locale}", page);
                    next = page.Paging?.Next;
                }
            }
        }
    }
}
