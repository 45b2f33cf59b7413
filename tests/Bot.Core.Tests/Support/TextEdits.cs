namespace Bot.Core.Tests.Support;

/// <summary>Random edits of a YAML file, of the kinds a person makes (or fumbles), for seeded fuzz tests.</summary>
internal static class TextEdits
{
    /// <summary>One random edit of the kind a person makes (or fumbles), described for the failure message.</summary>
    public static (string Text, string Edit) Apply(string text, Random random, IReadOnlyList<string> tricky)
    {
        var lines = text.Split('\n').ToList();
        var at = random.Next(lines.Count);
        switch (random.Next(9))
        {
            case 0:
                lines.RemoveAt(at);
                return (string.Join('\n', lines), $"deleting line {at + 1}");
            case 1:
                lines.Insert(at, lines[at]);
                return (string.Join('\n', lines), $"doubling line {at + 1}");
            case 2 when at + 1 < lines.Count:
                (lines[at], lines[at + 1]) = (lines[at + 1], lines[at]);
                return (string.Join('\n', lines), $"swapping lines {at + 1} and {at + 2}");
            case 3:
            case 4:
                var inserted = tricky[random.Next(tricky.Count)];
                lines.Insert(at, inserted);
                return (string.Join('\n', lines), $"inserting {inserted} before line {at + 1}");
            case 5:
                lines[at] = random.Next(2) == 0 ? " " + lines[at] : lines[at].TrimStart(' ').PadLeft(lines[at].TrimStart(' ').Length + Math.Max(0, lines[at].Length - lines[at].TrimStart(' ').Length - 1));
                return (string.Join('\n', lines), $"re-indenting line {at + 1}");
            case 6:
                lines[at] += "\r";
                return (string.Join('\n', lines), $"a CRLF ending on line {at + 1}");
            case 7:
                var cut = random.Next(text.Length);
                return (text[..cut], $"cutting the text at {cut}");
            default:
                var item = lines.FindIndex(at, l => l.StartsWith("  - ", StringComparison.Ordinal));
                var next = item < 0 ? -1 : lines.FindIndex(item + 1, l => l.StartsWith("  - ", StringComparison.Ordinal));
                if (next < 0)
                {
                    lines[at] += "x";
                    return (string.Join('\n', lines), $"typing at the end of line {at + 1}");
                }

                lines.InsertRange(next, lines.GetRange(item, next - item));
                return (string.Join('\n', lines), $"copying the item at line {item + 1}");
        }
    }
}
