using YamlDotNet.RepresentationModel;

namespace Bot.Core.Loading;

/// <summary>
/// Where each value of a YAML document starts, by path (<c>roles[0].sources[1]</c>), so that problems found after
/// typed deserialization can still point at a line and column.
/// </summary>
internal sealed class YamlPositions
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    public YamlPositions(YamlNode? root)
    {
        if (root is not null)
        {
            Walk(root, "");
        }
    }

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

    private void Walk(YamlNode node, string path)
    {
        _positions[path] = ((int)node.Start.Line, (int)node.Start.Column);
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? "";
                    var childPath = path.Length == 0 ? name : $"{path}.{name}";
                    _positions[childPath + "#key"] = ((int)key.Start.Line, (int)key.Start.Column);
                    Walk(value, childPath);
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Walk(sequence.Children[i], $"{path}[{i}]");
                }

                break;
        }
    }
}
