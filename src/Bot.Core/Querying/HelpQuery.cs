using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;

namespace Bot.Core.Querying;

/// <summary><c>/help [command]</c>: built from the command catalog, so it never drifts from what the bot accepts.</summary>
internal static class HelpQuery
{
    public static Answer Run(FactBase facts, BotRequest request)
    {
        var language = request.Language;
        var asked = request.Option("command");
        if (asked is null)
        {
            return new Answer
            {
                Kind = AnswerKind.Help,
                Title = BotText.HelpTitle.For(language),
                Body = BotText.HelpBody.For(language),
                Sections =
                [
                    new AnswerSection(BotText.Commands.For(language), [.. CommandCatalog.All.Select(c =>
                        new AnswerLine(c.Usage, c.Description.For(language), [])
                        {
                            Detail = BotText.Format(BotText.Example, language, c.Examples[^1]),
                        })]),
                ],
                Suggestions = [.. CommandCatalog.All.Select(c => new Suggestion($"/help {c.Name}", $"/help {c.Name}"))],
                Footer = QueryEngine.Footer(facts, language),
                Language = language,
            };
        }

        var command = CommandCatalog.Find(asked);
        if (command is null)
        {
            return QueryEngine.UsageError(facts, language, BotText.Format(BotText.UnknownCommand, language, asked.TrimStart('/')), CommandCatalog.Find(CommandCatalog.Help));
        }

        var options = command.Options.Select(o => new AnswerLine(
            o.Usage,
            o.Required ? $"{o.Description.For(language)} ({BotText.Required.For(language)})" : o.Description.For(language),
            [])).ToList();
        return new Answer
        {
            Kind = AnswerKind.Help,
            Title = command.Usage,
            Body = command.Description.For(language),
            Sections =
            [
                .. options.Count > 0 ? [new AnswerSection(BotText.Options.For(language), options)] : Array.Empty<AnswerSection>(),
                new AnswerSection(BotText.Examples.For(language), [.. command.Examples.Select(e => new AnswerLine(null, e, []))]),
            ],
            Footer = QueryEngine.Footer(facts, language),
            Language = language,
        };
    }
}
