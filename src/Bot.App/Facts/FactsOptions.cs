namespace Bot.App.Facts;

/// <summary>Where the fact base lives. Empty means the bundled <c>facts/</c> folder.</summary>
public sealed class FactsOptions
{
    public const string SectionName = "Facts";

    /// <summary>A fact folder; relative paths are resolved from the working directory.</summary>
    public string? Path { get; set; }
}
