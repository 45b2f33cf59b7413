using System.Globalization;
using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Text;

namespace Bot.Core.Querying;

/// <summary>
/// The "All sources" view of an answer: every source it cites, with headline, outlet, date and link, shown only to
/// the person who asked and paged. Stateless: the button carries the command and options that produced the answer
/// plus the <see cref="Option"/> option (the answer's own page), and the view is answered again from them.
/// </summary>
internal static class SourcesView
{
    /// <summary>The option that asks for the sources view; its value is the page of the answer whose sources are shown.</summary>
    public const string Option = "sources";

    private static readonly HashSet<string> Commands = new(StringComparer.Ordinal)
    {
        CommandCatalog.Who, CommandCatalog.Ask, CommandCatalog.Timeline, CommandCatalog.Quote, CommandCatalog.Positions,
    };

    /// <summary>Adds the "All sources" button to a found answer that cites anything.</summary>
    public static Answer WithButton(Answer answer, string command, BotRequest request)
    {
        if (answer.Kind != AnswerKind.Found || answer.Citations.Count == 0 || !Commands.Contains(command))
        {
            return answer;
        }

        var options = request.Options
            .Where(o => o.Key != "page" && o.Key != Option)
            .ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        options[Option] = QueryEngine.Page(request).ToString(CultureInfo.InvariantCulture);
        var label = BotText.Format(BotText.AllSources, answer.Language, answer.Citations.Count);
        return answer with { AllSources = new AnswerButton(label, new PageToken(command, options, 1)) };
    }

    public static Answer Run(FactBase facts, CommandDefinition command, BotRequest request, string origin, Freshness freshness, Func<BotRequest, Answer> answerOf)
    {
        var language = request.Language;
        if (!Commands.Contains(command.Name) || !int.TryParse(origin, NumberStyles.None, CultureInfo.InvariantCulture, out var originPage) || originPage < 1)
        {
            return QueryEngine.UsageError(facts, language, BotText.Format(BotText.UnknownOption, language, command.Name, Option), command);
        }

        var options = request.Options
            .Where(o => o.Key != "page" && o.Key != Option)
            .ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        if (originPage > 1)
        {
            options["page"] = origin;
        }

        var original = request with { Options = options };

        // /who answers briefly in the channel; its sources view lists the sources of everything the base holds on the person.
        var answer = command.Name == CommandCatalog.Who && QueryEngine.CheckOptions(command, original, language) is null
            ? WhoQuery.Run(facts, original, freshness, brief: false)
            : answerOf(original);
        if (answer.Kind != AnswerKind.Found)
        {
            return answer;
        }

        var viewOptions = new Dictionary<string, string>(options, StringComparer.Ordinal) { [Option] = origin };
        viewOptions.Remove("page");
        var citations = answer.Citations;
        var paging = Paging.Of(citations.Count, QueryEngine.SourcesPageSize, QueryEngine.Page(request), command.Name, viewOptions);
        if (paging is null)
        {
            return QueryEngine.UsageError(facts, language,
                BotText.Format(BotText.NoSuchPage, language, QueryEngine.Page(request), Paging.PageCount(citations.Count, QueryEngine.SourcesPageSize)),
                command);
        }

        var shown = citations.Skip((paging.Page - 1) * QueryEngine.SourcesPageSize).Take(QueryEngine.SourcesPageSize).ToList();
        var lines = shown
            .Select(c => new AnswerLine($"[{c.Number}] {c.Outlet}, {c.Published.ToDisplayString(language)}", c.Title, []) { Link = c.Url })
            .ToList();
        var first = ((paging.Page - 1) * QueryEngine.SourcesPageSize) + 1;
        return new Answer
        {
            Kind = AnswerKind.Found,
            Title = TextSnippets.Trim(BotText.Format(BotText.SourcesOf, language, answer.Title), 200),
            Subtitle = BotText.Format(BotText.ItemsOf, language, first, first + shown.Count - 1, citations.Count),
            Sections = [new AnswerSection(BotText.SourcesTitle.For(language), lines)],
            Paging = paging.PageCount > 1 ? paging : null,
            Footer = answer.Footer,
            Language = language,
            IsPrivate = true,
        };
    }
}
