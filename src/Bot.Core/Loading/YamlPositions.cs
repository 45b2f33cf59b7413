using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Bot.Core.Loading;

/// <summary>
/// Where each value of a YAML document starts, by path (<c>roles[0].sources[1]</c>), so that problems found after
/// typed deserialization can still point at a line and column. Filled while the deserializer reads the document
/// (see <see cref="RecordingParser"/>), so each file is parsed once.
/// </summary>
internal sealed class YamlPositions
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    // For a list file parsed item by item (see ListFile): "key[" and each item's own positions, with the number of
    // lines before the item.
    private string? _itemPrefix;
    private IReadOnlyList<(YamlPositions Item, int LineOffset)> _items = [];

    /// <summary>
    /// The positions of a file that is <c>key:</c> on line <paramref name="keyLine"/> followed by a list whose items
    /// were parsed each on its own (as one-item lists, so their paths start with <c>[0]</c>).
    /// </summary>
    public static YamlPositions OfList(string key, int keyLine, int firstItemLine, int itemColumn, IReadOnlyList<(YamlPositions Item, int LineOffset)> items)
    {
        var positions = new YamlPositions { _itemPrefix = key + "[", _items = items };
        positions._positions[""] = (keyLine, 1);
        positions._positions[key + "#key"] = (keyLine, 1);
        positions._positions[key] = (firstItemLine, itemColumn);
        return positions;
    }

    /// <summary>The position of the value at <paramref name="path"/>, else of its nearest existing parent.</summary>
    public (int Line, int Column) Of(string path)
    {
        if (_itemPrefix is not null && path.StartsWith(_itemPrefix, StringComparison.Ordinal))
        {
            var close = path.IndexOf(']', _itemPrefix.Length);
            if (close > 0 && int.TryParse(path.AsSpan(_itemPrefix.Length, close - _itemPrefix.Length), out var index) && (uint)index < (uint)_items.Count)
            {
                var (item, lineOffset) = _items[index];
                var (line, column) = item.Of("[0]" + path[(close + 1)..]);
                return (line + lineOffset, column);
            }
        }

        while (true)
        {
            if (_positions.TryGetValue(path, out var position))
            {
                return position;
            }

            if (path.Length == 0)
            {
                return (1, 1);
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut <= 0 ? "" : path[..cut];
        }
    }

    /// <summary>Where the last event read ended: where to point when the parser fails without saying where.</summary>
    public (int Line, int Column) LastRead { get; private set; } = (1, 1);

    /// <summary>A parser that hands every event on unchanged and notes where each value starts.</summary>
    public IParser RecordingParser(IParser inner) => new Recorder(inner, this);

    private void Record(string path, Mark start) => _positions[path] = ((int)start.Line, (int)start.Column);

    private sealed class Recorder(IParser inner, YamlPositions positions) : IParser
    {
        // One frame per open mapping or sequence: its path, and the key or index of the next value.
        private readonly Stack<Frame> _frames = new();

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            positions.LastRead = ((int)inner.Current!.End.Line, (int)inner.Current.End.Column);
            switch (inner.Current)
            {
                case MappingEnd or SequenceEnd:
                    _frames.Pop();
                    break;
                case NodeEvent node:
                    var path = PathOfNext(node);
                    if (path is null)
                    {
                        break; // a mapping key, noted by PathOfNext
                    }

                    positions.Record(path, node.Start);
                    if (node is MappingStart)
                    {
                        _frames.Push(new Frame(path, IsMapping: true));
                    }
                    else if (node is SequenceStart)
                    {
                        _frames.Push(new Frame(path, IsMapping: false));
                    }

                    break;
            }

            return true;
        }

        /// <summary>The path of the node that starts now, or null when it is a mapping key.</summary>
        private string? PathOfNext(NodeEvent node)
        {
            if (_frames.Count == 0)
            {
                return "";
            }

            var frame = _frames.Peek();
            if (frame.IsMapping)
            {
                if (frame.Key is null)
                {
                    frame.Key = (node as Scalar)?.Value ?? "";
                    positions.Record(Join(frame.Path, frame.Key) + "#key", node.Start);
                    return null;
                }

                var path = Join(frame.Path, frame.Key);
                frame.Key = null;
                return path;
            }

            return $"{frame.Path}[{frame.Index++}]";
        }

        private static string Join(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

        private sealed class Frame(string path, bool IsMapping)
        {
            public string Path { get; } = path;

            public bool IsMapping { get; } = IsMapping;

            public string? Key { get; set; }

            public int Index { get; set; }
        }
    }
}
