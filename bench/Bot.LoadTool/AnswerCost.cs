using System.Diagnostics;
using System.Globalization;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Querying;
using Bot.Core.Rendering;

namespace Bot.LoadTool;

/// <summary>
/// In-process cost of the core part of a <c>/who</c> request on the real fact base: <c>QueryEngine.Answer</c>, and,
/// as a stand-in for a platform renderer (those are internal to the adapters), the platform-neutral JSON rendering.
/// </summary>
internal static class AnswerCost
{
    public static int Run(string factsDirectory, string name, int iterations)
    {
        var facts = new FactBaseLoader(TimeProvider.System).Load(factsDirectory).Facts
            ?? throw new ArgumentException($"the fact base in {factsDirectory} has errors");
        // A fresh engine per answer: the engine keeps answers per snapshot, and this measures answering, not a cache hit.
        var store = new FixedFactStore(facts);
        var engine = new QueryEngine(store);
        var request = new BotRequest(CommandCatalog.Who, new Dictionary<string, string>(StringComparer.Ordinal) { ["name"] = name }, "en-US");
        var first = engine.Answer(request);
        var chars = 0L;
        for (var i = 0; i < Math.Min(iterations, 2_000); i++) // warm-up (tiering)
        {
            chars += AnswerJson.Render(new QueryEngine(store).Answer(request)).Length;
        }

        var gcBefore = GC.CollectionCount(0);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            chars += new QueryEngine(store).Answer(request).Kind.GetHashCode();
        }

        var answerMicros = watch.Elapsed.TotalMicroseconds / iterations;
        watch.Restart();
        for (var i = 0; i < iterations; i++)
        {
            chars += AnswerJson.Render(first).Length;
        }

        var renderMicros = watch.Elapsed.TotalMicroseconds / iterations;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"who_answer_us={answerMicros:F1} answer_json_render_us={renderMicros:F1} kind={first.Kind} answer_json_chars={AnswerJson.Render(first).Length} gen0_collections={GC.CollectionCount(0) - gcBefore} iterations={iterations} checksum={chars % 10}"));
        return 0;
    }
}
