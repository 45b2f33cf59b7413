using System.Text.Json.Nodes;
using Bot.Conformance.Tests.Payloads;
using Bot.Conformance.Tests.Specs;
using Bot.Discord.Tests.Support;
using Xunit.Abstractions;

namespace Bot.Conformance.Tests;

/// <summary>Every body the Discord adapter sends conforms to Discord's official OpenAPI description.</summary>
[Collection(ConformanceSuite.Name)]
public sealed class DiscordConformanceTests(ConformanceFixture fixture, ITestOutputHelper output)
{
    [SkippableFact]
    public void The_command_registration_conforms_to_PUT_applications_commands()
    {
        var spec = Spec();
        var registrations = fixture.DiscordPayloads.Registrations;
        AssertConforms(spec.Commands, registrations.Items);
        var (printed, sent) = (JsonNode.Parse(registrations.Items[0].Json), JsonNode.Parse(registrations.Items[^1].Json));
        Assert.True(JsonNode.DeepEquals(printed, sent), "bot discord commands prints what bot discord register sends");
        Assert.Contains(DiscordSpec.PermissionsField, registrations.Items[0].Json, StringComparison.Ordinal);
        output.WriteLine($"Discord: {registrations.Count} registration bodies ({string.Join(", ", registrations.Items.Select(r => r.What))}; "
            + $"{sent!.AsArray().Count} commands) validated against {spec.Commands.Name}.");
    }

    [SkippableFact]
    public void Every_interaction_response_conforms_to_the_callback_body()
    {
        var spec = Spec();
        var payloads = fixture.DiscordPayloads;
        AssertConforms(spec.Callback, payloads.Callbacks.Items);

        // PONG, messages, deferrals, page updates, autocomplete choices and the edit forms' modals are all among them.
        Assert.Superset(new SortedSet<int> { 1, 4, 5, 7, 8, 9 }, new SortedSet<int>(payloads.CallbackTypes.Keys));
        output.WriteLine($"Discord: {payloads.Callbacks.Count} distinct interaction responses ({payloads.Callbacks.Produced} produced) validated against "
            + $"{spec.Callback.Name}; produced by type: " + string.Join(", ", payloads.CallbackTypes.Select(t => $"{t.Key}: {t.Value}")) + ".");
    }

    [SkippableFact]
    public void Every_deferred_answer_conforms_to_the_edit_of_the_original_response()
    {
        var spec = Spec();
        var edits = fixture.DiscordPayloads.Edits;
        AssertConforms(spec.EditOriginal, edits.Items);
        Assert.True(edits.Count > 500, $"only {edits.Count} edits were generated");
        output.WriteLine($"Discord: {edits.Count} distinct deferred-answer edits ({edits.Produced} produced) validated against {spec.EditOriginal.Name}.");
    }

    [Fact]
    public void Every_message_also_fits_the_documented_limits_the_schema_cannot_express()
    {
        var messages = fixture.DiscordPayloads.Callbacks.Items
            .Where(p => JsonNode.Parse(p.Json)!["type"]!.GetValue<int>() is 4 or 7)
            .ToList();
        foreach (var message in messages)
        {
            DiscordLimitsAssert.WithinLimits(message.Json, message.What);
        }

        Assert.True(messages.Count > 500, $"only {messages.Count} messages were generated");
        output.WriteLine($"Discord: {messages.Count} distinct messages (types 4 and 7) checked against the documented limits.");
    }

    [SkippableFact]
    public void Default_member_permissions_alone_may_be_a_string_of_digits()
    {
        var spec = Spec();
        var registration = fixture.DiscordPayloads.Registrations.Items[0].Json;
        var moderatorOnly = (JsonNode.Parse(registration)!.AsArray().First(c => c!["default_member_permissions"] is not null) as JsonObject)!;
        Assert.Empty(spec.Commands.Problems(new JsonArray(moderatorOnly.DeepClone()).ToJsonString()));

        // Not any string: a named permission is still refused.
        var named = moderatorOnly.DeepClone().AsObject();
        named["default_member_permissions"] = "MANAGE_MESSAGES";
        Assert.NotEmpty(spec.Commands.Problems(new JsonArray(named).ToJsonString()));

        // Not any field: another integer sent as a string is still refused, at the command and at an option.
        var typeAsString = moderatorOnly.DeepClone().AsObject();
        typeAsString["type"] = "1";
        Assert.NotEmpty(spec.Commands.Problems(new JsonArray(typeAsString).ToJsonString()));
        var optionTypeAsString = moderatorOnly.DeepClone().AsObject();
        optionTypeAsString["options"]![0]!["type"] = "3";
        Assert.NotEmpty(spec.Commands.Problems(new JsonArray(optionTypeAsString).ToJsonString()));
    }

    private DiscordSpec Spec()
    {
        Skip.IfNot(SpecFolder.Found, SpecFolder.NotFound);
        return fixture.Discord!;
    }

    internal static void AssertConforms(SchemaCheck schema, IReadOnlyList<Payload> payloads)
    {
        Assert.NotEmpty(payloads);
        var failures = payloads
            .Select(p => (p.What, Problems: schema.Problems(p.Json)))
            .Where(r => r.Problems.Count > 0)
            .ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {payloads.Count} payloads do not conform to {schema.Name}:{Environment.NewLine}"
            + string.Join(Environment.NewLine, failures.Take(10).Select(f => $"- {f.What}:{Environment.NewLine}    " + string.Join(Environment.NewLine + "    ", f.Problems.Take(12)))));
    }
}
