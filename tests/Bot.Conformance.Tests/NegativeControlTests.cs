using System.Text.Json.Nodes;
using Bot.Conformance.Tests.Specs;
using Bot.Slack.Tests;

namespace Bot.Conformance.Tests;

/// <summary>The checks can fail: real payloads, each broken in one way, are rejected.</summary>
[Collection(ConformanceSuite.Name)]
public sealed class NegativeControlTests(ConformanceFixture fixture)
{
    [SkippableFact]
    public void An_answer_with_a_257_character_embed_title_is_rejected()
    {
        var (spec, answer) = DiscordAnswer();
        Assert.Empty(spec.Callback.Problems(answer.ToJsonString()));

        answer["data"]!["embeds"]![0]!["title"] = new string('T', 257);
        var problems = spec.Callback.Problems(answer.ToJsonString());
        Assert.Contains(problems, p => p.Contains("/data/embeds/0/title", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void An_interaction_response_without_a_type_is_rejected()
    {
        var (spec, answer) = DiscordAnswer();
        answer.Remove("type");
        Assert.NotEmpty(spec.Callback.Problems(answer.ToJsonString()));
    }

    [SkippableFact]
    public void A_manifest_with_an_unknown_key_is_rejected()
    {
        Skip.IfNot(SpecFolder.Found, SpecFolder.NotFound);
        var manifest = JsonNode.Parse(fixture.SlackPayloads.Manifests.Items[0].Json)!.AsObject();
        Assert.Empty(fixture.SlackManifest!.Problems(manifest.ToJsonString()));

        var unknownAtTop = manifest.DeepClone().AsObject();
        unknownAtTop["slash_commands"] = new JsonArray(); // belongs under features
        Assert.NotEmpty(fixture.SlackManifest.Problems(unknownAtTop.ToJsonString()));

        var unknownInSettings = manifest.DeepClone().AsObject();
        unknownInSettings["settings"]!["socket_mode"] = true; // the key is socket_mode_enabled
        Assert.NotEmpty(fixture.SlackManifest.Problems(unknownInSettings.ToJsonString()));
    }

    [Fact]
    public void A_message_with_a_151_character_header_breaks_the_Block_Kit_limits()
    {
        var message = JsonNode.Parse(fixture.SlackPayloads.Messages.Items[0].Json)!.AsObject();
        Assert.Empty(BlockKitLimits.Check(message.ToJsonString()));

        message["blocks"]![0]!["text"]!["text"] = new string('H', 151);
        Assert.Contains(BlockKitLimits.Check(message.ToJsonString()), p => p.Contains("header", StringComparison.Ordinal));
    }

    /// <summary>The first answer with an embed (a public /who answer), as JSON to break.</summary>
    private (DiscordSpec Spec, JsonObject Answer) DiscordAnswer()
    {
        Skip.IfNot(SpecFolder.Found, SpecFolder.NotFound);
        var answer = fixture.DiscordPayloads.Callbacks.Items
            .Select(p => JsonNode.Parse(p.Json)!.AsObject())
            .First(p => p["data"]?["embeds"] is JsonArray { Count: > 0 });
        return (fixture.Discord!, answer);
    }
}
