using System.Text.Json.Nodes;
using Bot.Conformance.Tests.Specs;
using Bot.Slack.Tests;
using Xunit.Abstractions;

namespace Bot.Conformance.Tests;

/// <summary>
/// Every manifest the CLI prints conforms to Slack's published manifest schema; every message fits Block Kit's
/// documented limits (Slack publishes no JSON Schema for Block Kit; the limits are the ones the renderer tests check).
/// </summary>
[Collection(ConformanceSuite.Name)]
public sealed class SlackConformanceTests(ConformanceFixture fixture, ITestOutputHelper output)
{
    [SkippableFact]
    public void Every_manifest_variant_the_CLI_prints_conforms_to_the_manifest_schema()
    {
        Skip.IfNot(SpecFolder.Found, SpecFolder.NotFound);
        var manifests = fixture.SlackPayloads.Manifests;
        DiscordConformanceTests.AssertConforms(fixture.SlackManifest!, manifests.Items);
        Assert.Equal(Payloads.SlackPayloads.ManifestVariants.Count, manifests.Produced);
        var socketMode = manifests.Items.Select(m => JsonNode.Parse(m.Json)!["settings"]!["socket_mode_enabled"]!.GetValue<bool>()).ToList();
        Assert.Contains(true, socketMode);
        Assert.Contains(false, socketMode);
        output.WriteLine($"Slack: {manifests.Count} distinct manifests from {manifests.Produced} CLI variants validated against {fixture.SlackManifest!.Name}: "
            + string.Join("; ", manifests.Items.Select(m => m.What)) + ".");
    }

    [Fact]
    public void Every_message_fits_the_documented_Block_Kit_limits()
    {
        var messages = fixture.SlackPayloads.Messages;
        var problems = messages.Items
            .SelectMany(m => BlockKitLimits.Check(m.Json).Select(p => $"{m.What}: {p}"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(20)));
        Assert.True(messages.Count > 500, $"only {messages.Count} messages were generated");
        output.WriteLine($"Slack: {messages.Count} distinct messages ({messages.Produced} produced) checked against Block Kit's documented limits.");
    }
}
