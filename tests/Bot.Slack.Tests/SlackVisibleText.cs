using System.Text.Json;
using System.Text.RegularExpressions;

namespace Bot.Slack.Tests;

/// <summary>
/// What a reader sees of a Slack message's text blocks (header, section texts and fields, context): links counted as
/// their text and entities as one character. Buttons and the notification fallback are not counted.
/// </summary>
internal static partial class SlackVisibleText
{
    public static int Length(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("blocks", out var blocks))
        {
            return 0;
        }

        var total = 0;
        foreach (var block in blocks.EnumerateArray())
        {
            switch (block.GetProperty("type").GetString())
            {
                case "header":
                    total += Seen(block.GetProperty("text"));
                    break;
                case "section":
                    if (block.TryGetProperty("text", out var text))
                    {
                        total += Seen(text);
                    }

                    if (block.TryGetProperty("fields", out var fields))
                    {
                        total += fields.EnumerateArray().Sum(Seen);
                    }

                    break;
                case "context":
                    total += block.GetProperty("elements").EnumerateArray().Sum(Seen);
                    break;
            }
        }

        return total;
    }

    private static int Seen(JsonElement textObject)
    {
        var text = textObject.GetProperty("text").GetString() ?? "";
        return Entities().Replace(Links().Replace(text, "$1"), "&").Length;
    }

    [GeneratedRegex(@"<[^|<>]+\|([^<>]*)>")]
    private static partial Regex Links();

    [GeneratedRegex("&(?:amp|lt|gt);")]
    private static partial Regex Entities();
}
