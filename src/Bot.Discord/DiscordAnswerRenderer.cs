using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Bot.Core.Answers;
using Bot.Core.Rendering;
using Bot.Discord.Interactions;
using Bot.Discord.Rendering;

namespace Bot.Discord;

/// <summary>
/// Turns a core <see cref="Answer"/> into a Discord interaction response: one embed that fits every documented limit
/// by construction (lines that would not fit are dropped whole, never cut inside a link), numbered source links,
/// Previous/Next buttons carrying stateless page tokens, suggestion buttons, ephemeral for misses and errors, and
/// <c>allowed_mentions</c> that parse nothing.
/// </summary>
public static class DiscordAnswerRenderer
{
    internal const string PagePrefix = "pg:";
    internal const string CommandPrefix = "cmd:";
    internal const string InertPrefix = "nop:";
    internal const int Ephemeral = 1 << 6;

    private const int MaxSubtitle = 300;
    private const int MaxFooter = 500;
    private const int MaxPlainFields = 10;

    /// <summary>Room the description leaves for fields and sources, whatever its length.</summary>
    private const int ReservedForFields = 1500;
    private const int MaxDetail = 400;
    private const int MaxSuggestionButtons = 10;
    private const string Continued = "\u200B";

    /// <summary>The exact interaction response (type 4) the adapter sends for <paramref name="answer"/>.</summary>
    public static string Render(Answer answer, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return DiscordJson.SerializeToString(new InteractionResponse(CallbackType.ChannelMessage, BuildMessage(answer)), indented);
    }

    /// <summary>
    /// The response for an answer, built once per answer instance and callback type: the core hands out the same
    /// instance for a repeated question (see its answer cache), so the embeds are not rebuilt.
    /// </summary>
    internal static InteractionResponse Respond(Answer answer, int callbackType = CallbackType.ChannelMessage)
    {
        if (callbackType is not (CallbackType.ChannelMessage or CallbackType.UpdateMessage))
        {
            return new(callbackType, BuildMessage(answer));
        }

        var built = Built.GetValue(answer, _ => new InteractionResponse?[2]);
        var slot = callbackType == CallbackType.UpdateMessage ? 1 : 0;

        return Volatile.Read(ref built[slot]) ?? Interlocked.CompareExchange(ref built[slot], new(callbackType, BuildMessage(answer)), null) ?? built[slot]!;
    }

    private static readonly ConditionalWeakTable<Answer, InteractionResponse?[]> Built = new();

    /// <summary>A short ephemeral text reply (apologies, stale buttons).</summary>
    internal static InteractionResponse Notice(string text) => new(CallbackType.ChannelMessage, new InteractionCallbackData
    {
        Content = DiscordMarkdown.Truncate(DiscordMarkdown.Escape(text), DiscordLimits.Content),
        AllowedMentions = AllowedMentions.None,
        Flags = Ephemeral,
    });

    internal static InteractionCallbackData BuildMessage(Answer answer)
    {
        var language = answer.Language;
        var title = DiscordMarkdown.Truncate(DiscordMarkdown.Escape(answer.Title), DiscordLimits.EmbedTitle);
        var footerText = answer.Paging is { PageCount: > 1 } paging
            ? $"{answer.Footer} · {UiText.Format(UiText.PageOf, language, paging.Page, paging.PageCount)}"
            : answer.Footer;
        var footer = DiscordMarkdown.Truncate(DiscordMarkdown.Neutralize(footerText), Math.Min(MaxFooter, DiscordLimits.FooterText));
        var room = DiscordLimits.EmbedTotal - title.Length - footer.Length;
        var description = Description(answer, Math.Min(DiscordLimits.EmbedDescription, room - ReservedForFields));
        var fields = Fields(answer, room - description.Length);

        var embed = new Embed
        {
            Title = title,
            Description = description.Length > 0 ? description : null,
            Color = Color(answer.Kind),
            Fields = fields.Count > 0 ? fields : null,
            Footer = footer.Length > 0 ? new EmbedFooter(footer) : null,
        };

        var components = Components(answer);
        return new InteractionCallbackData
        {
            Embeds = [embed],
            AllowedMentions = AllowedMentions.None,
            Flags = answer.IsPrivate ? Ephemeral : null,
            Components = components,
        };
    }

    private static string Description(Answer answer, int max)
    {
        var text = new StringBuilder();
        if (answer.Subtitle is { Length: > 0 } subtitle)
        {
            text.Append('*').Append(DiscordMarkdown.Truncate(DiscordMarkdown.Escape(subtitle), MaxSubtitle)).Append('*');
        }

        if (answer.Body is { Length: > 0 } body)
        {
            if (text.Length > 0)
            {
                text.Append("\n\n");
            }

            var refs = Refs(answer.BodyCitations);
            var room = max - text.Length - refs.Length;
            text.Append(DiscordMarkdown.Truncate(DiscordMarkdown.Escape(body), Math.Max(room, 0))).Append(room > 0 ? refs : "");
        }

        return DiscordMarkdown.Truncate(text.ToString(), max);
    }

    /// <summary>
    /// The answer's fields, then its sections, then its sources, packed into fields of at most 1024 characters and
    /// shrunk until they fit <paramref name="budget"/> characters and 25 fields: first sources lose their titles, then
    /// section lines go from the end, then sources go from the end. Each step drops whole lines.
    /// </summary>
    private static List<EmbedField> Fields(Answer answer, int budget)
    {
        var language = answer.Language;
        var plain = new List<EmbedField>();
        foreach (var field in answer.Fields.Take(MaxPlainFields))
        {
            var name = DiscordMarkdown.Truncate(DiscordMarkdown.Escape(field.Name), DiscordLimits.FieldName);
            var value = DiscordMarkdown.Truncate(DiscordMarkdown.Escape(field.Value), DiscordLimits.FieldValue);
            if (name.Length == 0 || value.Length == 0 || name.Length + value.Length > budget)
            {
                continue;
            }

            plain.Add(new EmbedField(name, value, field.Inline));
            budget -= name.Length + value.Length;
        }

        var sections = answer.Sections
            .Select(s => (Heading: Heading(s.Heading), Lines: s.Lines.Select(SectionLine).ToList()))
            .Where(s => s.Lines.Count > 0)
            .ToList();
        var sourcesHeading = UiText.Sources.For(language);
        var fullSources = answer.Citations.Select(c => SourceLine(c, language)).ToList(); // outlet and date; headlines are in All sources
        var compactSources = answer.Citations.Select(c => $"[{c.Number}]({DiscordMarkdown.LinkTarget(c.Url)})").ToList();
        var totalLines = sections.Sum(s => s.Lines.Count);

        List<EmbedField>? Try(int keptLines, bool compact, int keptSources)
        {
            var result = new List<EmbedField>(plain);
            var remaining = keptLines;
            foreach (var (heading, lines) in sections)
            {
                if (remaining <= 0)
                {
                    break;
                }

                var kept = lines.Take(remaining).ToList();
                remaining -= kept.Count;
                if (remaining <= 0 && keptLines < totalLines)
                {
                    kept.Add(DiscordMarkdown.Escape(UiText.Format(UiText.MoreLines, language, totalLines - keptLines)));
                }

                Pack(result, heading, kept);
            }

            if (keptSources > 0)
            {
                var lines = (compact ? compactSources : fullSources).Take(keptSources).ToList();
                if (keptSources < fullSources.Count)
                {
                    lines.Add(DiscordMarkdown.Escape(UiText.Format(UiText.MoreSources, language, fullSources.Count - keptSources)));
                }

                Pack(result, sourcesHeading, lines, compact ? " " : " · ");
            }

            var size = result.Sum(f => f.Name.Length + f.Value.Length) - plain.Sum(f => f.Name.Length + f.Value.Length);
            return result.Count <= DiscordLimits.EmbedFields && size <= budget ? result : null;
        }

        var fitted = Try(totalLines, compact: false, fullSources.Count) ?? Try(totalLines, compact: true, fullSources.Count);
        for (var lines = totalLines - 1; fitted is null && lines >= 0; lines--)
        {
            fitted = Try(lines, compact: true, fullSources.Count);
        }

        for (var sources = fullSources.Count - 1; fitted is null && sources >= 0; sources--)
        {
            fitted = Try(0, compact: true, sources);
        }

        return fitted ?? [];
    }

    private static string Heading(string heading) =>
        string.IsNullOrWhiteSpace(heading) ? Continued : DiscordMarkdown.Truncate(DiscordMarkdown.Escape(heading), DiscordLimits.FieldName);

    /// <summary>Adds lines under <paramref name="heading"/>, starting a continuation field whenever 1024 would be passed.</summary>
    private static void Pack(List<EmbedField> fields, string heading, IReadOnlyList<string> lines, string separator = "\n")
    {
        var value = new StringBuilder();
        var name = heading;
        foreach (var line in lines)
        {
            if (value.Length > 0 && value.Length + separator.Length + line.Length > DiscordLimits.FieldValue)
            {
                fields.Add(new EmbedField(name, value.ToString(), false));
                value.Clear();
                name = Continued;
            }

            if (value.Length > 0)
            {
                value.Append(separator);
            }

            value.Append(line);
        }

        if (value.Length > 0)
        {
            fields.Add(new EmbedField(name, value.ToString(), false));
        }
    }

    /// <summary>One list line, at most 1024 characters: only its plain text is ever shortened, never a link.</summary>
    private static string SectionLine(AnswerLine line)
    {
        var head = new StringBuilder("• ");
        if (line.Label is { Length: > 0 } label)
        {
            head.Append("**").Append(DiscordMarkdown.Escape(label)).Append("** — ");
        }

        var tail = new StringBuilder();
        if (line.Link is { } link)
        {
            head.Append('[');
            tail.Append("](").Append(DiscordMarkdown.LinkTarget(link)).Append(')');
        }

        tail.Append(Refs(line.Citations));
        if (line.Detail is { Length: > 0 } detail)
        {
            tail.Append("\n  ↳ *").Append(DiscordMarkdown.Truncate(DiscordMarkdown.Escape(detail), MaxDetail)).Append('*');
        }

        return Fit(head.ToString(), DiscordMarkdown.Escape(line.Text), tail.ToString(), DiscordLimits.FieldValue);
    }

    /// <summary>A compact citation, "[1] El País, 3 Nov 2025" linking to the article; its headline is in the All sources view.</summary>
    private static string SourceLine(Citation citation, string language)
    {
        var head = $"[{citation.Number}] [";
        var tail = $"]({DiscordMarkdown.LinkTarget(citation.Url)})";
        return Fit(head, DiscordMarkdown.Escape($"{citation.Outlet}, {citation.Published.ToShortDisplayString(language)}"), tail, DiscordLimits.FieldValue);
    }

    /// <summary><paramref name="head"/> + <paramref name="body"/> + <paramref name="tail"/>, shortening only the body.</summary>
    private static string Fit(string head, string body, string tail, int max)
    {
        var room = max - head.Length - tail.Length;
        if (room < 1)
        {
            // Pathological (a URL near 1024 characters): keep the text, lose the link.
            return DiscordMarkdown.Truncate(head.TrimEnd('[') + body, max);
        }

        return head + DiscordMarkdown.Truncate(body, room) + tail;
    }

    private static string Refs(IReadOnlyList<int> numbers) =>
        numbers.Count == 0 ? "" : " " + string.Concat(numbers.Select(n => "[" + n.ToString(CultureInfo.InvariantCulture) + "]"));

    private static List<ActionRow>? Components(Answer answer)
    {
        var language = answer.Language;
        var rows = new List<ActionRow>();
        if (answer.Paging is { PageCount: > 1 } paging)
        {
            rows.Add(new ActionRow(
            [
                PageButton(paging.Previous, UiText.Previous.For(language), "prev"),
                new Button(Button.Secondary, UiText.Format(UiText.PageShort, language, paging.Page, paging.PageCount), InertPrefix + "page") { Disabled = true },
                PageButton(paging.Next, UiText.NextLabel(paging, language), "next"),
            ]));
        }

        var buttons = answer.Suggestions
            .Where(s => s.Command.Length > 0 && CommandPrefix.Length + s.Command.Length <= DiscordLimits.CustomId)
            .DistinctBy(s => s.Command, StringComparer.Ordinal)
            .Take(MaxSuggestionButtons)
            .Select(s => new Button(Button.Secondary, DiscordMarkdown.Truncate(DiscordMarkdown.Neutralize(s.Label), DiscordLimits.ButtonLabel), CommandPrefix + s.Command))
            .ToList();
        if (answer.AllSources is { } all && PagePrefix + all.Token.Encode() is { Length: <= DiscordLimits.CustomId } sourcesId)
        {
            // The sources view is private: the page handler sends it as a new ephemeral message, not over this one.
            buttons.Add(new Button(Button.Secondary, DiscordMarkdown.Truncate(DiscordMarkdown.Neutralize(all.Label), DiscordLimits.ButtonLabel), sourcesId));
        }

        var suggestions = buttons
            .Chunk(DiscordLimits.ButtonsPerRow)
            .Select(chunk => new ActionRow(chunk));
        rows.AddRange(suggestions.Take(DiscordLimits.ActionRows - rows.Count));
        return rows.Count > 0 ? rows : [];
    }

    private static Button PageButton(PageToken? token, string label, string inertId)
    {
        var id = token is null ? null : PagePrefix + token.Encode();
        return id is { Length: <= DiscordLimits.CustomId }
            ? new Button(Button.Primary, label, id)
            : new Button(Button.Secondary, label, InertPrefix + inertId) { Disabled = true };
    }

    private static int Color(AnswerKind kind) => kind switch
    {
        AnswerKind.Found or AnswerKind.Help => 0x2B6CB0,
        AnswerKind.NotFound or AnswerKind.Ambiguous or AnswerKind.RateLimited => 0xD69E2E,
        AnswerKind.UsageError => 0xC53030,
        _ => throw new System.Diagnostics.UnreachableException($"Unknown answer kind {kind}."),
    };
}
