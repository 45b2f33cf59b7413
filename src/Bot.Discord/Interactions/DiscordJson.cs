using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Bot.Discord.Interactions;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(InteractionResponse))]
internal sealed partial class DiscordJsonContext : JsonSerializerContext;

/// <summary>Serialization settings for Discord payloads: snake_case, nulls left out, readable non-ASCII text.</summary>
internal static class DiscordJson
{
    public static readonly JsonSerializerOptions Compact = Create(indented: false);

    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    public static JsonTypeInfo<InteractionResponse> Response(bool indented = false) =>
        (JsonTypeInfo<InteractionResponse>)(indented ? Indented : Compact).GetTypeInfo(typeof(InteractionResponse));

    public static JsonTypeInfo<Interaction> Interaction { get; } = (JsonTypeInfo<Interaction>)Compact.GetTypeInfo(typeof(Interaction));

    /// <summary>The compact JSON of a response, kept per response instance (cached answers reuse theirs).</summary>
    public static byte[] Serialize(InteractionResponse response) =>
        Serialized.GetValue(response, r => JsonSerializer.SerializeToUtf8Bytes(r, Response()));

    private static readonly ConditionalWeakTable<InteractionResponse, byte[]> Serialized = new();

    public static string SerializeToString(InteractionResponse response, bool indented = false) =>
        JsonSerializer.Serialize(response, Response(indented));

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(DiscordJsonContext.Default.Options)
        {
            // The body is JSON for an API, never embedded in HTML: keep accents and dashes readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = indented,
        };
        options.MakeReadOnly();
        return options;
    }
}
