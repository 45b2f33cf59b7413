using Json.Schema;

namespace Bot.Conformance.Tests.Specs;

/// <summary>
/// Slack's published app-manifest schema (draft-07, any version). The top-level schema refers to the version schemas
/// by their published URLs; the local, byte-identical copies are registered under those URLs, so nothing is fetched.
/// </summary>
internal static class SlackManifestSpec
{
    private static readonly (string File, Uri Published)[] Versions =
    [
        ("manifest.schema.1.0.0.json", new("https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.1.0.0.json")),
        ("manifest.schema.2.0.0.json", new("https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.2.0.0.json")),
    ];

    public static SchemaCheck Load(string manifestSchemaPath)
    {
        var folder = Path.GetDirectoryName(manifestSchemaPath)!;
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft07 };
        foreach (var (file, published) in Versions)
        {
            JsonSchema.FromFile(Path.Combine(folder, file), options, published);
        }

        return new SchemaCheck("Slack app manifest", JsonSchema.FromFile(manifestSchemaPath, options));
    }
}
