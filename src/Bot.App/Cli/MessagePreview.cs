using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Discord;
using Bot.Slack;

namespace Bot.App.Cli;

/// <summary>
/// <c>bot ask … --format html</c>: the exact Discord and Slack payloads of an answer, laid out the way the two apps show
/// them (embed colour bar, title, description, fields, footer and buttons; Slack's header, section, context, divider
/// and actions blocks), one after the other on a phone and side by side on a wider screen. One self-contained page:
/// inline CSS, no script, no font or image from anywhere; every text HTML-escaped; only http(s) links become links.
/// </summary>
/// <remarks>
/// It reads the JSON the adapters send, not the answer, so what it shows is what the platforms receive. The Markdown
/// it understands is the subset the renderers write: Discord's backslash escapes, <c>**bold**</c>, <c>*italic*</c> and
/// <c>[text](url)</c>; Slack's <c>*bold*</c>, <c>_italic_</c>, <c>`code`</c>, <c>&lt;url|text&gt;</c> and its three entities.
/// </remarks>
internal static class MessagePreview
{
    private static readonly LocalizedText PageTitle = new("Preview: {0}", "Vista previa: {0}");
    private static readonly LocalizedText OnlyYou = new("Only you can see this", "Solo tú puedes ver esto");
    private static readonly LocalizedText SlackOnlyYou = new("Only visible to you", "Solo visible para ti");
    private static readonly LocalizedText BotName = new("Mexico–Peru facts", "Hechos México–Perú");

    public static string Render(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var language = answer.Language == BotLanguage.Spanish ? BotLanguage.Spanish : BotLanguage.English;
        var discord = JsonNode.Parse(DiscordAnswerRenderer.Render(answer))!;
        var slack = JsonNode.Parse(SlackAnswerRenderer.Render(answer))!;

        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(language).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(string.Format(CultureInfo.InvariantCulture, PageTitle.For(language), answer.Title))).Append("</title>\n")
            .Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n<main class=\"panels\">\n");
        Discord(html, discord["data"] ?? new JsonObject(), language);
        Slack(html, slack, language);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private const string Css = """
        *{box-sizing:border-box}
        body{margin:0;padding:12px;background:#f2f3f5;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#2e3338}
        .panels{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
        .panel{flex:1 1 320px;min-width:0;max-width:100%;border-radius:8px;padding:12px}
        .panel>h2{margin:0 0 8px;font-size:12px;letter-spacing:.05em;text-transform:uppercase;opacity:.7}
        .who{font-weight:600;margin-bottom:4px}.who small{font-weight:400;opacity:.7;margin-left:6px}
        .text,.text *{overflow-wrap:anywhere;word-break:break-word}
        a{color:inherit}
        .discord{background:#313338;color:#dbdee1}
        .discord a{color:#00a8fc;text-decoration:none}
        .embed{display:flex;background:#2b2d31;border-radius:4px;overflow:hidden;max-width:520px}
        .bar{flex:0 0 4px}
        .embed-body{flex:1;min-width:0;padding:8px 16px 16px 12px}
        .embed-title{font-weight:600;color:#f2f3f5;margin:8px 0 0}
        .embed-desc{font-size:14px;margin-top:8px}
        .fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:8px;margin-top:8px}
        .field{grid-column:1/-1;min-width:0;font-size:14px}.field.inline{grid-column:auto}
        .field-name{font-weight:600;color:#f2f3f5;margin-bottom:2px}
        .embed-footer{font-size:12px;margin-top:8px;color:#b5bac1}
        .row{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}
        .btn{display:inline-block;max-width:100%;padding:6px 14px;border-radius:4px;font-size:14px;font-weight:500;overflow-wrap:anywhere}
        .discord .btn{background:#4e5058;color:#fff}.discord .btn.primary{background:#5865f2}.discord .btn.success{background:#248046}.discord .btn.danger{background:#da373c}
        .btn.disabled{opacity:.5}
        .note{font-size:12px;margin-top:6px;opacity:.75}
        .slack{background:#fff;color:#1d1c1d;border:1px solid #ddd}
        .slack a{color:#1264a3}
        .slack .block{margin:6px 0}
        .slack .header{font-size:18px;font-weight:900}
        .slack .context{font-size:12px;color:#616061}
        .slack .sfields{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:8px}
        .slack hr{border:0;border-top:1px solid #ddd}
        .slack .btn{background:#fff;border:1px solid #c4c4c4;color:#1d1c1d;font-weight:700}.slack .btn.primary{background:#007a5a;color:#fff;border-color:#007a5a}.slack .btn.danger{background:#e01e5a;color:#fff}
        .slack code{background:#f6f6f6;border:1px solid #e8e8e8;border-radius:3px;padding:0 3px;color:#e01e5a}
        """;

    private static void Discord(StringBuilder html, JsonNode data, string language)
    {
        html.Append("<section class=\"panel discord\" aria-label=\"Discord\">\n<h2>Discord</h2>\n");
        html.Append("<div class=\"who\">").Append(Encode(BotName.For(language))).Append("<small>APP</small></div>\n");
        if (Str(data["content"]) is { Length: > 0 } content)
        {
            html.Append("<div class=\"text\">").Append(DiscordMarkdown(content)).Append("</div>\n");
        }

        foreach (var embed in data["embeds"]?.AsArray() ?? [])
        {
            var color = embed?["color"]?.GetValue<int>() ?? 0x1E1F22;
            html.Append("<div class=\"embed\"><div class=\"bar\" style=\"background:#")
                .Append((color & 0xFFFFFF).ToString("X6", CultureInfo.InvariantCulture)).Append("\"></div><div class=\"embed-body text\">\n");
            if (Str(embed?["title"]) is { Length: > 0 } title)
            {
                html.Append("<div class=\"embed-title\">").Append(DiscordMarkdown(title)).Append("</div>\n");
            }

            if (Str(embed?["description"]) is { Length: > 0 } description)
            {
                html.Append("<div class=\"embed-desc\">").Append(DiscordMarkdown(description)).Append("</div>\n");
            }

            if (embed?["fields"]?.AsArray() is { Count: > 0 } fields)
            {
                html.Append("<div class=\"fields\">\n");
                foreach (var field in fields)
                {
                    var inline = field?["inline"]?.GetValue<bool>() == true;
                    html.Append(inline ? "<div class=\"field inline\">" : "<div class=\"field\">")
                        .Append("<div class=\"field-name\">").Append(DiscordMarkdown(Str(field?["name"]) ?? "")).Append("</div>")
                        .Append("<div>").Append(DiscordMarkdown(Str(field?["value"]) ?? "")).Append("</div></div>\n");
                }

                html.Append("</div>\n");
            }

            if (Str(embed?["footer"]?["text"]) is { Length: > 0 } footer)
            {
                html.Append("<div class=\"embed-footer\">").Append(Encode(footer)).Append("</div>\n");
            }

            html.Append("</div></div>\n");
        }

        foreach (var row in data["components"]?.AsArray() ?? [])
        {
            html.Append("<div class=\"row\">");
            foreach (var button in row?["components"]?.AsArray() ?? [])
            {
                var style = button?["style"]?.GetValue<int>() switch
                {
                    1 => " primary",
                    3 => " success",
                    4 => " danger",
                    _ => "",
                };
                var disabled = button?["disabled"]?.GetValue<bool>() == true ? " disabled" : "";
                html.Append("<span class=\"btn").Append(style).Append(disabled).Append("\">").Append(Encode(Str(button?["label"]) ?? "")).Append("</span>");
            }

            html.Append("</div>\n");
        }

        if (data["flags"]?.GetValue<int>() is { } flags && (flags & 64) != 0)
        {
            html.Append("<div class=\"note\">").Append(Encode(OnlyYou.For(language))).Append("</div>\n");
        }

        html.Append("</section>\n");
    }

    private static void Slack(StringBuilder html, JsonNode message, string language)
    {
        html.Append("<section class=\"panel slack\" aria-label=\"Slack\">\n<h2>Slack</h2>\n");
        html.Append("<div class=\"who\">").Append(Encode(BotName.For(language))).Append("<small>APP</small></div>\n");
        var blocks = message["blocks"]?.AsArray();
        if (blocks is null or { Count: 0 })
        {
            html.Append("<div class=\"block text\">").Append(SlackMarkdown(Str(message["text"]) ?? "")).Append("</div>\n");
        }

        foreach (var block in blocks ?? [])
        {
            switch (Str(block?["type"]))
            {
                case "header":
                    html.Append("<div class=\"block header text\">").Append(Encode(Str(block?["text"]?["text"]) ?? "")).Append("</div>\n");
                    break;
                case "section":
                    html.Append("<div class=\"block text\">");
                    if (block?["text"] is { } text)
                    {
                        html.Append("<div>").Append(SlackText(text)).Append("</div>");
                    }

                    if (block?["fields"]?.AsArray() is { Count: > 0 } fields)
                    {
                        html.Append("<div class=\"sfields\">");
                        foreach (var field in fields)
                        {
                            html.Append("<div>").Append(field is null ? "" : SlackText(field)).Append("</div>");
                        }

                        html.Append("</div>");
                    }

                    html.Append("</div>\n");
                    break;
                case "context":
                    html.Append("<div class=\"block context text\">")
                        .AppendJoin(" ", (block?["elements"]?.AsArray() ?? []).Where(e => e is not null).Select(e => SlackText(e!)))
                        .Append("</div>\n");
                    break;
                case "divider":
                    html.Append("<hr>\n");
                    break;
                case "actions":
                    html.Append("<div class=\"block row\">");
                    foreach (var element in block?["elements"]?.AsArray() ?? [])
                    {
                        var style = Str(element?["style"]) is "primary" or "danger" ? " " + Str(element?["style"]) : "";
                        html.Append("<span class=\"btn").Append(style).Append("\">").Append(Encode(Str(element?["text"]?["text"]) ?? "")).Append("</span>");
                    }

                    html.Append("</div>\n");
                    break;
                default:
                    break; // the renderer writes no other block
            }
        }

        if (Str(message["response_type"]) == "ephemeral")
        {
            html.Append("<div class=\"note\">").Append(Encode(SlackOnlyYou.For(language))).Append("</div>\n");
        }

        html.Append("</section>\n");
    }

    private static string SlackText(JsonNode text) =>
        Str(text["type"]) == "mrkdwn" ? SlackMarkdown(Str(text["text"]) ?? "") : Encode(Str(text["text"]) ?? "");

    private static string? Str(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Text or an attribute value, safe in HTML: the five special characters as entities, everything else as is (the page is UTF-8).</summary>
    private static string Encode(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var encoded = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            encoded.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return encoded.ToString();
    }

    /// <summary>A link only to an absolute http(s) URL; anything else stays text.</summary>
    private static string? Href(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? Encode(uri.AbsoluteUri)
            : null;

    /// <summary>Discord Markdown as the renderer writes it: backslash escapes, **bold**, *italic*, [text](url), line breaks.</summary>
    internal static string DiscordMarkdown(string text)
    {
        var html = new StringBuilder(text.Length + 32);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                html.Append(Encode(text[++i].ToString()));
            }
            else if (c == '*' && i + 1 < text.Length && text[i + 1] == '*' && Closing(text, i + 2, "**") is var bold and > 0)
            {
                html.Append("<strong>").Append(DiscordMarkdown(text[(i + 2)..bold])).Append("</strong>");
                i = bold + 1;
            }
            else if (c == '*' && Closing(text, i + 1, "*") is var italic and > 0)
            {
                html.Append("<em>").Append(DiscordMarkdown(text[(i + 1)..italic])).Append("</em>");
                i = italic;
            }
            else if (c == '[' && Closing(text, i + 1, "]") is var middle and > 0 && middle + 1 < text.Length && text[middle + 1] == '('
                     && text.IndexOf(')', middle + 2) is var end and > 0 && Href(text[(middle + 2)..end]) is { } href)
            {
                html.Append("<a href=\"").Append(href).Append("\">").Append(DiscordMarkdown(text[(i + 1)..middle])).Append("</a>");
                i = end;
            }
            else
            {
                html.Append(c == '\n' ? "<br>" : Encode(c.ToString()));
            }
        }

        return html.ToString();
    }

    /// <summary>Where an unescaped <paramref name="delimiter"/> starts at or after <paramref name="from"/>, or -1.</summary>
    private static int Closing(string text, int from, string delimiter)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (string.CompareOrdinal(text, i, delimiter, 0, delimiter.Length) == 0 && i > from)
            {
                // "*" closes italics only when it is not the start of "**"
                if (delimiter == "*" && i + 1 < text.Length && text[i + 1] == '*')
                {
                    i++;
                    continue;
                }

                return i;
            }
        }

        return -1;
    }

    /// <summary>Slack mrkdwn as the renderer writes it: &lt;url|text&gt;, *bold*, _italic_, `code`, its entities, line breaks.</summary>
    internal static string SlackMarkdown(string text)
    {
        var html = new StringBuilder(text.Length + 32);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '<' && text.IndexOf('>', i + 1) is var close and > 0)
            {
                var inner = text[(i + 1)..close];
                var bar = inner.IndexOf('|', StringComparison.Ordinal);
                var url = SlackEntities(bar < 0 ? inner : inner[..bar]);
                var label = bar < 0 ? Encode(url) : SlackMarkdown(inner[(bar + 1)..]);
                html.Append(Href(url) is { } href ? $"<a href=\"{href}\">{label}</a>" : label);
                i = close;
            }
            else if (c == '&' && Entity(text, i) is { } entity)
            {
                html.Append(Encode(entity.Char.ToString()));
                i += entity.Length - 1;
            }
            else if (c is '*' or '_' or '`' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1])
                     && text.IndexOf(c, i + 1) is var end and > 0 && text.IndexOf('\n', i + 1) is var eol && (eol < 0 || end < eol))
            {
                var (open, shut) = c switch { '*' => ("<strong>", "</strong>"), '_' => ("<em>", "</em>"), _ => ("<code>", "</code>") };
                html.Append(open).Append(SlackMarkdown(text[(i + 1)..end])).Append(shut);
                i = end;
            }
            else
            {
                html.Append(c == '\n' ? "<br>" : Encode(c.ToString()));
            }
        }

        return html.ToString();
    }

    private static string SlackEntities(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    private static (char Char, int Length)? Entity(string text, int at) =>
        string.CompareOrdinal(text, at, "&amp;", 0, 5) == 0 ? ('&', 5)
        : string.CompareOrdinal(text, at, "&lt;", 0, 4) == 0 ? ('<', 4)
        : string.CompareOrdinal(text, at, "&gt;", 0, 4) == 0 ? ('>', 4)
        : null;
}
