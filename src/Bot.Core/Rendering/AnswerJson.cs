using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Core.Answers;
using Bot.Core.Facts;

namespace Bot.Core.Rendering;

/// <summary>The answer as JSON, for scripts and for checking what the renderers receive.</summary>
public static class AnswerJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new PartialDateConverter(), new PageTokenConverter() },
    };

    public static string Render(Answer answer) => JsonSerializer.Serialize(answer, Options);

    private sealed class PartialDateConverter : JsonConverter<PartialDate>
    {
        public override PartialDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            PartialDate.Parse(reader.GetString() ?? "");

        public override void Write(Utf8JsonWriter writer, PartialDate value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }

    private sealed class PageTokenConverter : JsonConverter<PageToken>
    {
        public override PageToken? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            PageToken.TryDecode(reader.GetString(), out var token) ? token : null;

        public override void Write(Utf8JsonWriter writer, PageToken value, JsonSerializerOptions options) => writer.WriteStringValue(value.Encode());
    }
}
