namespace Bot.Core.Loading;

/// <summary>A fact file that parsed as YAML: where it is, and where each of its values starts.</summary>
internal sealed record ParsedFile(string DisplayPath, string RelativePath, YamlPositions Positions)
{
    /// <summary>The file name without its extension, which must equal the id inside.</summary>
    public string Stem => Path.GetFileNameWithoutExtension(RelativePath);
}
