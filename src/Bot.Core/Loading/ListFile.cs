using System.Buffers;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Bot.Core.Loading;

/// <summary>
/// Parses a file that is one top-level key holding a block list (<c>sources.yaml</c>, <c>topics.yaml</c>) one item at
/// a time, so that a reload parses again only the items whose text changed: at 100 times the real base,
/// <c>sources.yaml</c> is 4.5 MB, and parsing all of it took most of a reload's time.
/// <para>
/// Each item is the text from its <c>-</c> to the next <c>-</c> in the same column, parsed on its own as a one-item
/// list. That gives the same result as parsing the whole file whenever the file has the plain layout this checks for
/// (comments, then <c>key:</c> alone on its line, then items, nothing else at or left of the items' column, no tabs
/// in indentation). Anything else, or an item that does not parse on its own (an alias to another item's anchor, a
/// YAML error), makes <see cref="TryParse{TEntry}"/> return false, and the caller parses the whole file, which also
/// gives the exact location of a YAML error.
/// </para>
/// </summary>
internal static class ListFile
{
    private static readonly SearchValues<char> OtherLineBreaks = SearchValues.Create("\r\u0085\u2028\u2029");

    /// <summary>
    /// Parses the items of <paramref name="text"/>'s list under <paramref name="key"/>, taking unchanged items from
    /// <paramref name="previous"/>. <paramref name="items"/> is what to pass as <paramref name="previous"/> next time:
    /// it keeps every item that parsed even when this returns false, so that after a broken edit is fixed only the
    /// fixed item is parsed again. It is null when the layout is not the plain one.
    /// </summary>
    public static bool TryParse<TEntry>(
        string text,
        string key,
        IDeserializer deserializer,
        ListItems? previous,
        out List<(ParsedItem Item, int LineOffset)> placed,
        out YamlPositions positions,
        out ListItems? items)
        where TEntry : class
    {
        placed = [];
        positions = new YamlPositions();
        items = null;
        if (Split(text, key) is not { } layout)
        {
            return false;
        }

        // An edit changes a few items somewhere in the list: the items before and after them are found unchanged by
        // comparing text in place (no hashing, no copying), and only the ones between are looked up by text.
        var ranges = layout.Items;
        var before = previous?.Ordered ?? [];
        int same = 0, sameAtEnd = 0;
        while (same < ranges.Count && same < before.Length && Unchanged(text, ranges[same], before[same]))
        {
            same++;
        }

        while (sameAtEnd < ranges.Count - same && sameAtEnd < before.Length - same
            && Unchanged(text, ranges[^(sameAtEnd + 1)], before[^(sameAtEnd + 1)]))
        {
            sameAtEnd++;
        }

        var moved = new Dictionary<string, ParsedItem>(StringComparer.Ordinal);
        foreach (var (itemText, item) in before.AsSpan(same, before.Length - same - sameAtEnd))
        {
            if (item is not null)
            {
                moved.TryAdd(itemText, item);
            }
        }

        var ordered = new (string Text, ParsedItem? Item)[ranges.Count];
        var complete = true;
        for (var i = 0; i < ranges.Count; i++)
        {
            var (firstLine, start, length) = ranges[i];
            if (i < same)
            {
                ordered[i] = before[i];
            }
            else if (i >= ranges.Count - sameAtEnd)
            {
                ordered[i] = before[before.Length - (ranges.Count - i)];
            }
            else
            {
                var itemText = text.Substring(start, length);
                ordered[i] = (itemText, moved.GetValueOrDefault(itemText) ?? ParseItem<TEntry>(itemText, deserializer));
            }

            if (ordered[i].Item is { } item)
            {
                placed.Add((item, firstLine - 1));
            }
            else
            {
                complete = false;
            }
        }

        items = new ListItems(ordered);
        if (!complete)
        {
            placed = [];
            return false;
        }

        positions = YamlPositions.OfList(key, layout.KeyLine, layout.FirstItemLine, layout.ItemColumn, [.. placed.Select(p => (p.Item.Positions, p.LineOffset))]);
        return true;
    }

    /// <summary>An item that parsed last time and whose text is the same now.</summary>
    private static bool Unchanged(string text, (int FirstLine, int Start, int Length) range, (string Text, ParsedItem? Item) before) =>
        before.Item is not null && text.AsSpan(range.Start, range.Length).SequenceEqual(before.Text);

    /// <summary>One item's text parsed as a one-item list; null when it does not parse on its own.</summary>
    private static ParsedItem? ParseItem<TEntry>(string itemText, IDeserializer deserializer)
        where TEntry : class
    {
        var positions = new YamlPositions();
        try
        {
            var list = deserializer.Deserialize<List<TEntry?>>(positions.RecordingParser(new Parser(new StringReader(itemText))));
            return list is [var entry] ? new ParsedItem(entry, positions) : null;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            return null; // the whole-file parse says what is wrong, and where
        }
    }

    /// <summary>
    /// Where the key and each item are, when the file has the plain layout; null otherwise. An item's text runs from
    /// its line to the line before the next item (comments and blank lines after an item are part of it).
    /// </summary>
    internal static Layout? Split(string text, string key)
    {
        var items = new List<(int FirstLine, int Start, int Length)>();
        int keyLine = 0, itemColumn = -1, itemStart = 0, itemLine = 0, line = 0;
        for (var start = 0; start < text.Length;)
        {
            line++;
            var end = text.IndexOf('\n', start);
            var next = end < 0 ? text.Length : end + 1;
            var raw = text.AsSpan(start, (end < 0 ? text.Length : end) - start);
            var content = end >= 0 && raw.EndsWith('\r') ? raw[..^1] : raw;
            if (content.ContainsAny(OtherLineBreaks))
            {
                return null; // YAML also breaks lines at a lone CR, NEL, LS and PS: leave those to the whole-file parse
            }

            var indent = content.Length - content.TrimStart(' ').Length;
            var rest = content[indent..];
            var blankOrComment = rest.IsEmpty || rest[0] == '#';
            if (rest.Length > 0 && rest[0] == '\t')
            {
                return null; // a tab in indentation: let the whole-file parse report it
            }

            if (keyLine == 0)
            {
                if (!blankOrComment)
                {
                    if (indent != 0 || !IsKeyLine(rest, key))
                    {
                        return null;
                    }

                    keyLine = line;
                }
            }
            else if (!blankOrComment || itemColumn >= 0)
            {
                var startsItem = rest.Length > 0 && rest[0] == '-' && (rest.Length == 1 || rest[1] == ' ');
                if (itemColumn < 0)
                {
                    if (!startsItem)
                    {
                        return null;
                    }

                    itemColumn = indent;
                }
                else if (blankOrComment || indent > itemColumn)
                {
                    start = next;
                    continue; // part of the current item
                }
                else if (indent != itemColumn || !startsItem)
                {
                    return null; // another key, a document marker, or a less indented line: not the plain layout
                }

                if (itemLine > 0)
                {
                    items.Add((itemLine, itemStart, start - itemStart));
                }

                itemStart = start;
                itemLine = line;
            }

            start = next;
        }

        if (itemLine == 0)
        {
            return null;
        }

        items.Add((itemLine, itemStart, text.Length - itemStart));
        return new Layout(keyLine, items[0].FirstLine, itemColumn + 1, items);
    }

    /// <summary><c>key:</c>, then nothing but spaces and an optional comment.</summary>
    private static bool IsKeyLine(ReadOnlySpan<char> line, string key)
    {
        if (!line.StartsWith(key, StringComparison.Ordinal) || line.Length == key.Length || line[key.Length] != ':')
        {
            return false;
        }

        var after = line[(key.Length + 1)..];
        var trimmed = after.TrimStart(' ');
        return trimmed.IsEmpty || (trimmed[0] == '#' && trimmed.Length < after.Length);
    }

    /// <summary>Where the key is, and each item: its first line, and where its text is in the file's text.</summary>
    internal sealed record Layout(int KeyLine, int FirstItemLine, int ItemColumn, List<(int FirstLine, int Start, int Length)> Items);
}

/// <summary>
/// A list file's items as parsed at the last load, in file order, each with its exact text; an item that did not parse
/// on its own has no <see cref="ParsedItem"/> (see <see cref="ListFile"/>).
/// </summary>
internal sealed class ListItems((string Text, ParsedItem? Item)[] ordered)
{
    public (string Text, ParsedItem? Item)[] Ordered { get; } = ordered;

    public IEnumerable<ParsedItem> Parsed => Ordered.Where(o => o.Item is not null).Select(o => o.Item!);
}

/// <summary>
/// One list item parsed on its own: its entry (null for a bare <c>-</c>), the positions within its text, and once
/// validated, what it contributes (see <see cref="FactFileValidator.ValidateList"/>).
/// </summary>
internal sealed class ParsedItem(object? entry, YamlPositions positions)
{
    public object? Entry { get; } = entry;

    public YamlPositions Positions { get; } = positions;

    public ItemFacts? Facts { get; set; }
}

/// <summary>A list item validated on its own, at <c>[0]</c> and from line 1; for a source, its URL and id.</summary>
internal sealed record ItemFacts(FileFacts File, Uri? Url, string? Id);
