using System.Text;
using System.Text.Json;

namespace Bot.Core.Text;

/// <summary>Checks on JSON that arrives from a chat platform before anything reads its text.</summary>
public static class JsonText
{
    /// <summary>
    /// True when a string or property name in <paramref name="utf8Json"/> cannot become .NET text: an escaped lone
    /// surrogate such as <c>\ud800</c>, which the JSON grammar allows but which makes every later read of that string
    /// throw, or bytes that are not UTF-8. False for valid JSON without one, and for text that is not JSON at all (that is refused elsewhere).
    /// </summary>
    public static bool HasInvalidUnicode(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 1024 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    try
                    {
                        reader.GetString();
                    }
                    catch (InvalidOperationException)
                    {
                        return true;
                    }
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }

    /// <summary><see cref="HasInvalidUnicode(ReadOnlySpan{byte})"/> for JSON held as a string.</summary>
    public static bool HasInvalidUnicode(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return HasInvalidUnicode(Encoding.UTF8.GetBytes(json));
    }
}
