using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Bot.Core.Loading;

/// <summary>
/// Where each value of a YAML document starts, by path (<c>roles[0].sources[1]</c>), so that problems found after
/// typed deserialization can still point at a line and column. Only a file with something to report needs them, so
/// they are found on the first question, by reading the text's YAML events once more: a path string and an entry for
/// every value (about a twelfth of what a large load allocates) spared for every file without a problem.
/// </summary>
internal sealed class YamlPositions(string text)
{
    private Dictionary<string, (int Line, int Column)>? _positions;
    private (int Line, int Column) _lastRead = (1, 1);

    /// <summary>The position of the value at <paramref name="path"/>, else of its nearest existing parent.</summary>
    public (int Line, int Column) Of(string path)
    {
        var positions = LazyInitializer.EnsureInitialized(ref _positions, Read);
        while (true)
        {
            if (positions.TryGetValue(path, out var position))
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
    public (int Line, int Column) LastRead
    {
        get
        {
            LazyInitializer.EnsureInitialized(ref _positions, Read);
            return _lastRead;
        }
    }

    /// <summary>Every value's position, as far as the text is valid YAML.</summary>
    private Dictionary<string, (int Line, int Column)> Read()
    {
        var positions = new Dictionary<string, (int Line, int Column)>(StringComparer.Ordinal);
        var recorder = new Recorder(new Parser(new StringReader(text)), this, positions);
        try
        {
            while (recorder.MoveNext())
            {
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // Positions up to the error are kept; the error itself is reported from the deserializer's exception.
        }

        return positions;
    }

    /// <summary>A parser that hands every event on unchanged and notes where each value starts.</summary>
    private sealed class Recorder(IParser inner, YamlPositions owner, Dictionary<string, (int Line, int Column)> positions) : IParser
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

            owner._lastRead = ((int)inner.Current!.End.Line, (int)inner.Current.End.Column);
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

                    Record(path, node.Start);
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
                    Record(Join(frame.Path, frame.Key) + "#key", node.Start);
                    return null;
                }

                var path = Join(frame.Path, frame.Key);
                frame.Key = null;
                return path;
            }

            return $"{frame.Path}[{frame.Index++}]";
        }

        private void Record(string path, Mark start) => positions[path] = ((int)start.Line, (int)start.Column);

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
