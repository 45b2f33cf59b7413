using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Bot.Conformance.Tests.Specs;

/// <summary>
/// The request bodies of Discord's official OpenAPI 3.1 description that the bot sends: command registration, the
/// interaction callback (every response type) and the edit of a deferred response. Each body's schema is taken from
/// <c>paths → … → requestBody → content → application/json → schema</c>; the <c>components/schemas</c> it refers to
/// become <c>$defs</c> of one JSON Schema 2020-12 document, built once.
/// </summary>
internal sealed class DiscordSpec
{
    public const string CommandsPath = "/applications/{application_id}/commands";
    public const string CallbackPath = "/interactions/{interaction_id}/{interaction_token}/callback";
    public const string EditOriginalPath = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";

    /// <summary>
    /// The one known error in the spec (see the specs README): it types a command's <c>default_member_permissions</c>
    /// as an integer, while Discord documents and accepts a string ("serialized as a string"). That field alone, in
    /// that schema alone, also accepts a string of digits.
    /// </summary>
    public const string PermissionsSchema = "ApplicationCommandUpdateRequest";
    public const string PermissionsField = "default_member_permissions";

    private static readonly Uri DocumentId = new("https://conformance.invalid/discord/openapi.json");

    private DiscordSpec(SchemaCheck commands, SchemaCheck callback, SchemaCheck editOriginal)
    {
        Commands = commands;
        Callback = callback;
        EditOriginal = editOriginal;
    }

    /// <summary><c>PUT /applications/{application.id}/commands</c>: the bulk overwrite the registrar sends.</summary>
    public SchemaCheck Commands { get; }

    /// <summary><c>POST /interactions/{interaction.id}/{interaction.token}/callback</c>: every interaction response.</summary>
    public SchemaCheck Callback { get; }

    /// <summary><c>PATCH /webhooks/{application.id}/{interaction.token}/messages/@original</c>: a deferred answer.</summary>
    public SchemaCheck EditOriginal { get; }

    public static DiscordSpec Load(string openApiPath)
    {
        var openApi = JsonNode.Parse(File.ReadAllText(openApiPath))!.AsObject();
        var defs = openApi["components"]!["schemas"]!.DeepClone().AsObject();
        AllowPermissionsAsString(defs);

        var bodies = new (string Name, string Path, string Method)[]
        {
            ("PutApplicationCommands", CommandsPath, "put"),
            ("CreateInteractionCallback", CallbackPath, "post"),
            ("EditOriginalInteractionResponse", EditOriginalPath, "patch"),
        };
        foreach (var (name, path, method) in bodies)
        {
            var schema = openApi["paths"]?[path]?[method]?["requestBody"]?["content"]?["application/json"]?["schema"]
                ?? throw new InvalidDataException($"{openApiPath}: no application/json request body for {method.ToUpperInvariant()} {path}");
            defs[name] = schema.DeepClone();
        }

        RewriteRefs(defs);
        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = DocumentId.AbsoluteUri,
            ["$defs"] = defs,
        };

        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
        using (var built = JsonDocument.Parse(document.ToJsonString()))
        {
            JsonSchema.Build(built.RootElement.Clone(), options, DocumentId);
        }

        SchemaCheck Body(string name, string title)
        {
            var root = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$ref"] = $"{DocumentId.AbsoluteUri}#/$defs/{name}",
            };
            return new SchemaCheck(title, JsonSchema.FromText(root.ToJsonString(), options, new Uri($"https://conformance.invalid/discord/{name}")));
        }

        return new DiscordSpec(
            Body("PutApplicationCommands", "PUT " + CommandsPath),
            Body("CreateInteractionCallback", "POST " + CallbackPath),
            Body("EditOriginalInteractionResponse", "PATCH " + EditOriginalPath));
    }

    private static void AllowPermissionsAsString(JsonObject defs)
    {
        var properties = defs[PermissionsSchema]?["properties"]?.AsObject();
        var published = properties?[PermissionsField]
            ?? throw new InvalidDataException($"The spec no longer has {PermissionsSchema}.{PermissionsField}: review the exception for it.");
        properties![PermissionsField] = new JsonObject
        {
            ["anyOf"] = new JsonArray(published.DeepClone(), new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]{1,20}$" }),
        };
    }

    /// <summary><c>#/components/schemas/X</c> → <c>#/$defs/X</c>, everywhere.</summary>
    private static void RewriteRefs(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue value && value.GetValue<string>() is { } target
                    && target.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                {
                    obj["$ref"] = "#/$defs/" + target["#/components/schemas/".Length..];
                }

                foreach (var (_, child) in obj.ToList())
                {
                    RewriteRefs(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RewriteRefs(child);
                }

                break;
        }
    }
}
