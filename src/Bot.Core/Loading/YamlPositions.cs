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

    /// <summary>The position of the value at <paramref name="path"/>, else of its nearest existing parent.</summary>
    public (int Line, int Column) Of(string path)
    {
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
