using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bot.Discord.Tests.Support;

/// <summary>What a reader sees of an embed: its title, description, fields and footer, with links shown as their text.</summary>
internal static partial class VisibleText
{
    public static int EmbedLength(string json)
    {
        var data = JsonNode.Parse(json)!["data"]!;
        var total = 0;
        foreach (var embed in data["embeds"]?.AsArray() ?? [])
        {
            total += Seen((string?)embed!["title"]) + Seen((string?)embed["description"]) + Seen((string?)embed["footer"]?["text"]);
            foreach (var field in embed["fields"]?.AsArray() ?? [])
            {
                total += Seen((string?)field!["name"]) + Seen((string?)field["value"]);
            }
        }

        return total;
    }

    private static int Seen(string? markdown) =>
        markdown is null ? 0 : Escapes().Replace(Links().Replace(markdown, "$1"), "$1").Length;

    [GeneratedRegex(@"(?<!\\)\[((?:\\.|[^\]\\])*)\]\(https?://[^\s()<>]+\)")]
    private static partial Regex Links();

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex Escapes();
}
