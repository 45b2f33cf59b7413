using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Core.Loading;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Loading;

/// <summary>The editor schemas in facts/schema/ describe exactly the keys the loader accepts, so squiggles never lie.</summary>
public sealed partial class FactSchemaTests
{
    private static string SchemaFolder() => Path.Combine(TestFacts.RepositoryFolder(), "facts", "schema");

    public static TheoryData<string, string, Type> Pairs => new()
    {
        { "sources.schema.json", "sources.items", typeof(SourceEntry) },
        { "topics.schema.json", "topics.items", typeof(TopicEntry) },
        { "person.schema.json", "", typeof(PersonFile) },
        { "person.schema.json", "roles.items", typeof(RoleEntry) },
        { "person.schema.json", "status", typeof(StatusEntry) },
        { "event.schema.json", "", typeof(EventFile) },
        { "event.schema.json", "date_variants.items", typeof(DateVariantEntry) },
        { "event.schema.json", "variants.items", typeof(ClaimVariantEntry) },
        { "quotes.schema.json", "", typeof(QuotesFile) },
        { "quotes.schema.json", "quotes.items", typeof(QuoteEntry) },
        { "position.schema.json", "", typeof(PositionFile) },
        { "position.schema.json", "stances.items", typeof(StanceEntry) },
        { "vocabulary.schema.json", "", typeof(VocabularyFile) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Each_schema_lists_exactly_the_keys_the_loader_reads(string file, string path, Type dto)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(SchemaFolder(), file)));
        var node = schema.RootElement;
        foreach (var step in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = step == "items" ? node.GetProperty("items") : node.GetProperty("properties").GetProperty(step);
        }

        var schemaKeys = node.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        var loaderKeys = dto.GetProperties().Select(p => Snake().Replace(p.Name, "$1_$2").ToLowerInvariant()).Order(StringComparer.Ordinal);

        Assert.Equal(loaderKeys, schemaKeys);
        Assert.False(node.GetProperty("additionalProperties").GetBoolean());
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Snake();
}
