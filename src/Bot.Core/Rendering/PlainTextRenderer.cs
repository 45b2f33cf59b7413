using System.Text;
using Bot.Core.Answers;
using Bot.Core.Commands;

namespace Bot.Core.Rendering;

/// <summary>
/// Renders an answer as terminal text: numbered citations with full https URLs, paging hints as runnable commands.
/// </summary>
public static class PlainTextRenderer
{
    public static string Render(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var language = answer.Language;
        var text = new StringBuilder();
        text.AppendLine(answer.Title);
        if (answer.Subtitle is { Length: > 0 } subtitle)
        {
            text.AppendLine(subtitle);
        }

        if (answer.Body is { Length: > 0 } body)
        {
            text.AppendLine().AppendLine(body + Refs(answer.BodyCitations));
        }

        if (answer.Fields.Count > 0)
        {
            text.AppendLine();
            foreach (var field in answer.Fields)
            {
                text.AppendLine($"{field.Name}: {field.Value}");
            }
        }

        foreach (var section in answer.Sections)
        {
            text.AppendLine().AppendLine(section.Heading);
            foreach (var line in section.Lines)
            {
                var label = line.Label is null ? "" : line.Label + " — ";
                text.AppendLine($"  • {label}{line.Text}{Refs(line.Citations)}");
                if (line.Detail is { Length: > 0 } detail)
                {
                    text.AppendLine($"    {detail}");
                }

                if (line.Link is { } link)
                {
                    text.AppendLine($"    {link.AbsoluteUri}");
                }
            }
        }

        if (answer.Citations.Count > 0)
        {
            text.AppendLine().AppendLine(UiText.Sources.For(language));
            foreach (var c in answer.Citations)
            {
                text.AppendLine($"  [{c.Number}] {c.Outlet} — {c.Title} ({c.Published.ToDisplayString(answer.Language)})");
                text.AppendLine($"      {c.Url.AbsoluteUri}");
            }
        }

        if (answer.Paging is { } paging)
        {
            text.AppendLine().Append(UiText.Format(UiText.PageOf, language, paging.Page, paging.PageCount));
            if (paging.Previous is { } previous)
            {
                text.Append(" · ").Append(UiText.Format(UiText.PreviousCommand, language, TextCommandParser.Format(previous.ToRequest())));
            }

            if (paging.Next is { } next)
            {
                text.Append(" · ").Append(UiText.Format(paging.NextIsMore ? UiText.MoreCommand : UiText.NextCommand, language, TextCommandParser.Format(next.ToRequest())));
            }

            text.AppendLine();
        }

        if (answer.Suggestions.Count > 0)
        {
            text.AppendLine().AppendLine(UiText.Try.For(language));
            foreach (var suggestion in answer.Suggestions)
            {
                text.AppendLine(suggestion.Label == suggestion.Command ? $"  {suggestion.Command}" : $"  {suggestion.Command}  ({suggestion.Label})");
            }
        }

        text.AppendLine().AppendLine(answer.Footer);
        return text.ToString();
    }

    private static string Refs(IReadOnlyList<int> numbers) => numbers.Count == 0 ? "" : " " + string.Concat(numbers.Select(n => $"[{n}]"));
}
