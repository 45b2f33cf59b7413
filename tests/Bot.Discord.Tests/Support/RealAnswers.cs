using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Querying;

namespace Bot.Discord.Tests.Support;

/// <summary>
/// Every answer the real fact base gives to the commands members use, in both languages, every page: each person's
/// <c>/who</c>, <c>/ask</c> about each person and topic, every timeline, quote, positions and sources page, and help.
/// </summary>
internal static class RealAnswers
{
    public static readonly string[] Locales = [BotLanguage.English, BotLanguage.Spanish];

    public static IEnumerable<(string Command, string Asked, Answer Answer)> All(QueryEngine engine)
    {
        var facts = TestFacts.Real;
        foreach (var locale in Locales)
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
