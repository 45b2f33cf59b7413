using System.Text.Json;
using Bot.Core.Answers;

namespace Bot.Slack.Tests;

/// <summary>Checks a Slack message against Block Kit's limits; returns every breach found.</summary>
internal static class BlockKitLimits
{
    public static List<string> Check(string json)
    {
        var problems = new List<string>();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var text = root.GetProperty("text").GetString() ?? "";
        Require(text.Length is > 0 and <= 3000, $"fallback text length {text.Length}");
        if (!root.TryGetProperty("blocks", out var blocks))
        {
            return problems;
        }

        Require(blocks.GetArrayLength() is > 0 and <= 50, $"{blocks.GetArrayLength()} blocks");
        foreach (var block in blocks.EnumerateArray())
        {
            var type = block.GetProperty("type").GetString();
            switch (type)
            {
                case "header":
                    var header = block.GetProperty("text");
                    Require(header.GetProperty("type").GetString() == "plain_text", "header not plain_text");
                    Length(header, 1, 150, "header");
                    break;
                case "section":
                    Require(block.TryGetProperty("text", out _) || block.TryGetProperty("fields", out _), "empty section");
                    if (block.TryGetProperty("text", out var sectionText))
                    {
                        Length(sectionText, 1, 3000, "section text");
                    }

                    if (block.TryGetProperty("fields", out var fields))
                    {
                        Require(fields.GetArrayLength() is > 0 and <= 10, $"{fields.GetArrayLength()} fields");
                        foreach (var field in fields.EnumerateArray())
                        {
                            Length(field, 1, 2000, "field");
                        }
                    }

                    break;
                case "context":
                    var elements = block.GetProperty("elements");
                    Require(elements.GetArrayLength() is > 0 and <= 10, $"{elements.GetArrayLength()} context elements");
                    foreach (var element in elements.EnumerateArray())
                    {
                        Length(element, 1, 3000, "context element");
                    }

                    break;
                case "actions":
                    var buttons = block.GetProperty("elements");
                    Require(buttons.GetArrayLength() is > 0 and <= 25, "actions elements");
                    var ids = new HashSet<string>();
                    foreach (var button in buttons.EnumerateArray())
                    {
                        Require(button.GetProperty("type").GetString() == "button", "non-button");
                        Require(button.GetProperty("text").GetProperty("type").GetString() == "plain_text", "button text not plain");
                        Length(button.GetProperty("text"), 1, 75, "button text");
                        var id = button.GetProperty("action_id").GetString() ?? "";
                        Require(id.Length is > 0 and <= 255 && ids.Add(id), $"action_id '{id}'");
                        var value = button.GetProperty("value").GetString() ?? "";
                        Require(value.Length is > 0 and <= 2000, "button value length");
                        Require(PageToken.TryDecode(value, out _), $"button value '{value}' is not a page token");
                    }

                    break;
                default:
                    problems.Add($"unexpected block type {type}");
                    break;
            }
        }

        return problems;

        void Length(JsonElement textObject, int min, int max, string what)
        {
            var value = textObject.GetProperty("text").GetString() ?? "";
            Require(value.Length >= min && value.Length <= max, $"{what} length {value.Length} (limit {max})");
        }

        void Require(bool condition, string problem)
        {
            if (!condition)
            {
                problems.Add(problem);
            }
        }
    }

    /// <summary>Every text a user sees in the message (fallback and all text objects).</summary>
    public static IEnumerable<string> Texts(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var texts = new List<string>();
        Walk(doc.RootElement, texts);
        return texts;

        static void Walk(JsonElement element, List<string> texts)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.Name == "text" && property.Value.ValueKind == JsonValueKind.String)
                        {
                            texts.Add(property.Value.GetString() ?? "");
                        }
                        else
                        {
                            Walk(property.Value, texts);
                        }
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item, texts);
                    }

                    break;
            }
        }
    }
}
