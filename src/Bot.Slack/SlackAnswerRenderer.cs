using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Answers;
using Bot.Core.Rendering;

namespace Bot.Slack;

/// <summary>
/// Renders a core <see cref="Answer"/> as a Slack Block Kit message inside every Block Kit limit: a header, the
/// summary with numbered source links, fields, sections, the sources, suggestions, Previous/Next buttons carrying the
/// page token, and a context line with the fact base's date. All fact and user text is escaped.
/// </summary>
public static class SlackAnswerRenderer
{
    internal const int MaxBlocks = 50;
    internal const int MaxSectionText = 3000;
    internal const int MaxFields = 10;
    internal const int MaxFieldText = 2000;
    internal const int MaxHeaderText = 150;
    internal const int MaxContextElements = 10;
    internal const int MaxContextText = 2000;
    internal const int MaxButtonText = 75;
    internal const int MaxActionId = 255;
    internal const int MaxButtonValue = 2000;
    internal const int MaxFallbackText = 3000;
    internal const int MaxSuggestions = 10;

    internal const string PageActionPrefix = "page:";
    internal const string PagingBlockId = "paging";
    internal const string SourcesBlockId = "sources";

    /// <summary>The direction part of the "All sources" button's action id: it opens a private view, not a new page.</summary>
    internal const string SourcesAction = "sources";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // the JSON goes to Slack, never into HTML
    };

    /// <summary>
    /// The exact message JSON Slack receives for <paramref name="answer"/> in reply to a slash command:
    /// <c>response_type</c> (<c>ephemeral</c> for errors and misses, else <c>in_channel</c>), <c>text</c> and <c>blocks</c>.
    /// </summary>
    public static string Render(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Render(answer, answer.IsPrivate ? SlackOptions.Ephemeral : SlackOptions.InChannel);
    }

    internal static string Render(Answer answer, string responseType) => Encoding.UTF8.GetString(RenderUtf8(answer, responseType));

    /// <summary>
    /// The message JSON as UTF-8, built once per answer instance and response type: the core hands out the same
    /// instance for a repeated question (see its answer cache), so the blocks are not rebuilt or re-encoded.
    /// </summary>
    internal static byte[] RenderUtf8(Answer answer, string responseType)
    {
        var built = Built.GetValue(answer, _ => new byte[]?[2]);
        var slot = responseType == SlackOptions.Ephemeral ? 1 : 0;
        if (Volatile.Read(ref built[slot]) is { } cached)
        {
            return cached;
        }

        var message = Message(answer);
        message["response_type"] = responseType;
        return Interlocked.CompareExchange(ref built[slot], Encoding.UTF8.GetBytes(Serialize(message)), null) ?? built[slot]!;
    }

    private static readonly ConditionalWeakTable<Answer, byte[]?[]> Built = new();

    internal static string Serialize(JsonNode message) => message.ToJsonString(JsonOptions);

    /// <summary>A short message with no blocks (apologies, expired buttons).</summary>
    internal static JsonObject Notice(string text) => new() { ["text"] = SlackText.Escape(text, MaxFallbackText) };

    /// <summary>The message body, <c>text</c> and <c>blocks</c>; callers add <c>response_type</c> or <c>replace_original</c>.</summary>
    internal static JsonObject Message(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var language = answer.Language;
        var content = new List<JsonObject>();
        var tail = new List<JsonObject>();

        content.Add(new JsonObject
        {
            ["type"] = "header",
            ["text"] = PlainText(SlackText.Escape(answer.Title, MaxHeaderText)),
        });

        if (answer.Subtitle is { Length: > 0 } subtitle)
        {
            content.Add(Context(SlackText.Escape(subtitle, MaxContextText)));
        }

        if (answer.Body is { Length: > 0 } body)
        {
            var refs = Refs(answer.BodyCitations, answer, 1000);
            content.Add(Section(SlackText.Escape(body, MaxSectionText - refs.Length) + refs));
        }

        foreach (var chunk in answer.Fields.Chunk(MaxFields))
        {
            content.Add(new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray([.. chunk.Select(f => (JsonNode)Mrkdwn(Field(f)))]),
            });
        }

        foreach (var section in answer.Sections)
        {
            var lines = section.Lines.Select(l => Line(l, answer)).ToList();
            content.AddRange(Pack("*" + SlackText.Escape(section.Heading, 200) + "*", lines).Select(Section));
        }

        if (answer.Citations.Count > 0)
        {
            var lines = answer.Citations.Select(c => CitationLine(c, answer.Language)).ToList();
            content.AddRange(Pack("*" + UiText.Sources.For(language) + "*", lines, " · ").Select(Section));
        }

        if (answer.Suggestions.Count > 0)
        {
            var lines = answer.Suggestions.Take(MaxSuggestions).Select(SuggestionLine).ToList();
            content.AddRange(Pack("*" + UiText.Try.For(language) + "*", lines).Select(Section));
        }

        if (answer.Paging is { } paging)
        {
            tail.Add(Context(UiText.Format(UiText.PageOf, language, paging.Page, paging.PageCount)));
            var buttons = new JsonArray();
            if (paging.Previous is { } previous)
            {
                buttons.Add(Button(UiText.Previous.For(language), "prev", previous, language));
            }

            if (paging.Next is { } next)
            {
                buttons.Add(Button(UiText.NextLabel(paging, language), "next", next, language));
            }

            if (buttons.Count > 0)
            {
                tail.Add(new JsonObject { ["type"] = "actions", ["block_id"] = PagingBlockId, ["elements"] = buttons });
            }
        }

        if (answer.AllSources is { } all)
        {
            // Every source with its headline, privately: the command service posts it as a new ephemeral message.
            tail.Add(new JsonObject
            {
                ["type"] = "actions",
                ["block_id"] = SourcesBlockId,
                ["elements"] = new JsonArray(Button(all.Label, SourcesAction, all.Token, answer.Language)),
            });
        }

        tail.Add(Context(SlackText.Escape(answer.Footer, MaxContextText)));

        var room = MaxBlocks - tail.Count;
        if (content.Count > room)
        {
            content.RemoveRange(room - 1, content.Count - (room - 1));
            content.Add(Context(UiText.DoesNotFit.For(language)));
        }

        var fallback = answer.Subtitle is { Length: > 0 } s ? $"{answer.Title} — {s}" : answer.Title;
        return new JsonObject
        {
            ["text"] = SlackText.Escape(fallback, MaxFallbackText),
            ["blocks"] = new JsonArray([.. content.Concat(tail)]),
        };
    }

    private static string Field(AnswerField field)
    {
        var name = "*" + SlackText.Escape(field.Name, 200) + "*\n";
        return name + SlackText.Escape(field.Value, MaxFieldText - name.Length);
    }

    private static string Line(AnswerLine line, Answer answer)
    {
        var refs = Refs(line.Citations, answer, 800);
        var label = line.Label is { Length: > 0 } l ? "*" + SlackText.Escape(l, 150) + "* — " : "";
        var detail = line.Detail is { Length: > 0 } d ? "\n      _" + SlackText.Escape(d, 600) + "_" : "";
        var link = line.Link is { } url ? "\n      " + SlackText.Link(url, SlackText.Escape(url.Host, 200), 600) : "";
        var budget = MaxSectionText - 200 - refs.Length - label.Length - detail.Length - link.Length;
        return "• " + label + SlackText.Escape(line.Text, budget) + refs + detail + link;
    }

    /// <summary>A compact citation, "[1] El País, 3 Nov 2025" linking to the article; its headline is in the All sources view.</summary>
    private static string CitationLine(Citation citation, string language) =>
        $"[{citation.Number}] " + SlackText.Link(citation.Url, SlackText.Escape($"{citation.Outlet}, {citation.Published.ToShortDisplayString(language)}", 300));

    private static string SuggestionLine(Suggestion suggestion)
    {
        var command = "`" + SlackText.Escape(suggestion.Command.Replace("`", "'", StringComparison.Ordinal), 300) + "`";
        return suggestion.Label == suggestion.Command ? "• " + command : $"• {command} — {SlackText.Escape(suggestion.Label, 300)}";
    }

    /// <summary>" [1][2]" with each number linking to its source, within <paramref name="max"/> characters.</summary>
    private static string Refs(IReadOnlyList<int> numbers, Answer answer, int max)
    {
        if (numbers.Count == 0)
        {
            return "";
        }

        var refs = new StringBuilder(" ");
        foreach (var number in numbers)
        {
            var citation = answer.Citations.FirstOrDefault(c => c.Number == number);
            var text = $"[{number}]";
            var linked = citation is null ? text : SlackText.Link(citation.Url, text, 400);
            var piece = refs.Length + linked.Length <= max ? linked : text;
            if (refs.Length + piece.Length > max)
            {
                break;
            }

            refs.Append(piece);
        }

        return refs.Length == 1 ? "" : refs.ToString();
    }

    /// <summary>Packs lines under a heading into as few section texts of at most 3000 characters as possible.</summary>
    private static List<string> Pack(string heading, IReadOnlyList<string> lines, string separator = "\n")
    {
        var texts = new List<string>();
        var current = new StringBuilder(heading);
        foreach (var line in lines)
        {
            var piece = line.Length > MaxSectionText - 1 ? line[..(MaxSectionText - 1)] : line; // Line() keeps under this
            if (current.Length + separator.Length + piece.Length > MaxSectionText)
            {
                texts.Add(current.ToString());
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append(current.Length == heading.Length && texts.Count == 0 ? "\n" : separator);
            }

            current.Append(piece);
        }

        if (current.Length > 0)
        {
            texts.Add(current.ToString());
        }

        return texts;
    }

    private static JsonObject Button(string text, string direction, PageToken token, string language)
    {
        var actionId = $"{PageActionPrefix}{direction}:{language}";
        return new JsonObject
        {
            ["type"] = "button",
            ["text"] = PlainText(text.Length <= MaxButtonText ? text : text[..MaxButtonText]),
            ["action_id"] = actionId.Length <= MaxActionId ? actionId : actionId[..MaxActionId],
            ["value"] = token.Encode(), // at most PageToken.MaxLength (90) printable ASCII characters
        };
    }

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = Mrkdwn(mrkdwn) };

    private static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(Mrkdwn(mrkdwn)),
    };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };
}
