using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bot.Discord.Tests.Support;

/// <summary>Checks a rendered interaction response against every documented Discord limit.</summary>
internal static partial class DiscordLimitsAssert
{
    public static void WithinLimits(string json, string what)
    {
        var response = JsonNode.Parse(json)!.AsObject();
        var data = response["data"]!.AsObject();
        Check(data["allowed_mentions"]?["parse"]?.AsArray().Count == 0, what, "allowed_mentions.parse must be empty");
        var content = (string?)data["content"];
        Check(content is null || content.Length <= 2000, what, "content over 2000");

        var embeds = data["embeds"]?.AsArray() ?? [];
        Check(embeds.Count <= 10, what, "more than 10 embeds");
        var total = 0;
        foreach (var embed in embeds)
        {
            var title = (string?)embed!["title"] ?? "";
            var description = (string?)embed["description"] ?? "";
            var footer = (string?)embed["footer"]?["text"] ?? "";
            Check(title.Length <= 256, what, $"title {title.Length} > 256");
            Check(description.Length <= 4096, what, $"description {description.Length} > 4096");
            Check(footer.Length <= 2048, what, $"footer {footer.Length} > 2048");
            Check(embed["description"] is null || description.Trim().Length > 0, what, "empty description sent");
            total += title.Length + description.Length + footer.Length;
            LinksIntact(description, what);
            var fields = embed["fields"]?.AsArray() ?? [];
            Check(fields.Count <= 25, what, $"{fields.Count} fields > 25");
            foreach (var field in fields)
            {
                var name = (string)field!["name"]!;
                var value = (string)field["value"]!;
                Check(name.Trim().Length is > 0 and <= 256, what, $"field name length {name.Length}");
                Check(value.Trim().Length is > 0 and <= 1024, what, $"field value length {value.Length} in '{name}'");
                total += name.Length + value.Length;
                LinksIntact(value, what);
            }
        }

        Check(total <= 6000, what, $"embeds total {total} > 6000");

        var rows = data["components"]?.AsArray() ?? [];
        Check(rows.Count <= 5, what, "more than 5 action rows");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            Check((int)row!["type"]! == 1, what, "component row is not an action row");
            var buttons = row["components"]!.AsArray();
            Check(buttons.Count is > 0 and <= 5, what, "action row with 0 or more than 5 buttons");
            foreach (var button in buttons)
            {
                var label = (string)button!["label"]!;
                var id = (string)button["custom_id"]!;
                Check(label.Length is > 0 and <= 80, what, $"button label length {label.Length}");
                Check(id.Length is > 0 and <= 100, what, $"custom_id length {id.Length}");
                Check(ids.Add(id), what, $"duplicate custom_id {id}");
            }
        }
    }

    /// <summary>Every <c>](</c> opens a complete https link that ends in <c>)</c>: nothing was cut inside a link.</summary>
    private static void LinksIntact(string text, string what)
    {
        var opens = Regex.Count(text, @"(?<!\\)\]\(");
        var complete = CompleteLink().Count(text);
        Check(opens == complete, what, $"a link was cut: {opens} openings, {complete} complete links in: {text}");
    }

    private static void Check(bool condition, string what, string message) => Assert.True(condition, $"{what}: {message}");

    [GeneratedRegex(@"(?<!\\)\]\(https?://[^\s()<>]+\)")]
    private static partial Regex CompleteLink();
}
