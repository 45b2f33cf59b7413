using System.Text.Json;
using Json.Schema;

namespace Bot.Conformance.Tests.Specs;

/// <summary>One published schema, built once, that many payloads are validated against.</summary>
internal sealed class SchemaCheck(string name, JsonSchema schema)
{
    private static readonly EvaluationOptions Fast = new() { OutputFormat = OutputFormat.Flag };

    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.Hierarchical };

    /// <summary>What the schema describes, e.g. <c>PUT /applications/{application.id}/commands</c>.</summary>
    public string Name { get; } = name;

    /// <summary>
    /// The problems the schema finds in <paramref name="json"/>, as <c>instance location (schema path): message</c>;
    /// empty when it conforms.
    /// </summary>
    public IReadOnlyList<string> Problems(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (schema.Evaluate(document.RootElement, Fast).IsValid)
        {
            return [];
        }

        var problems = new List<string>();
        Collect(schema.Evaluate(document.RootElement, Detailed), problems);
        return problems.Count == 0 ? [$"{Name}: invalid"] : [.. problems.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The errors of the failing nodes, leaving out the alternatives of an anyOf/oneOf that fail on the object's own
    /// <c>type</c> (the other interaction response types, the other component types) when one alternative has the right type.
    /// </summary>
    private static void Collect(EvaluationResults node, List<string> problems)
    {
        if (node.IsValid)
        {
            return;
        }

        foreach (var (_, message) in node.Errors ?? new Dictionary<string, string>())
        {
            problems.Add($"{node.InstanceLocation} ({node.EvaluationPath}): {message}");
        }

        var failing = (node.Details ?? []).Where(d => !d.IsValid).ToList();
        var typeLocation = $"{node.InstanceLocation}/type";
        var rightType = failing.Where(d => IsAlternative(d) && !FailsAt(d, typeLocation)).ToList();
        foreach (var child in failing)
        {
            if (!IsAlternative(child) || rightType.Count == 0 || rightType.Contains(child))
            {
                Collect(child, problems);
            }
        }
    }

    private static bool IsAlternative(EvaluationResults node)
    {
        var path = node.EvaluationPath.ToString();
        var parent = path[..Math.Max(path.LastIndexOf('/'), 0)];
        return parent.EndsWith("/anyOf", StringComparison.Ordinal) || parent.EndsWith("/oneOf", StringComparison.Ordinal);
    }

    private static bool FailsAt(EvaluationResults node, string instanceLocation) =>
        !node.IsValid && (node.InstanceLocation.ToString() == instanceLocation || (node.Details ?? []).Any(d => FailsAt(d, instanceLocation)));
}
