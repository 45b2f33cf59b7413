using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace Bot.App.Tests.Support;

/// <summary>Discord interactions signed as Discord signs them (Ed25519 over timestamp + body) with a key made for the test.</summary>
internal sealed class SignedDiscord
{
    private static long LastId = 1_111_111_111_111_111_111;

    private readonly byte[] _privateKey;

    public SignedDiscord()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        _privateKey = key.Export(KeyBlobFormat.RawPrivateKey);
        PublicKeyHex = Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public string PublicKeyHex { get; }

    /// <summary>Posts a signed interaction; asserts 200 and returns the response JSON.</summary>
    public async Task<JsonObject> InteractAsync(HttpClient client, string body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var key = Key.Import(SignatureAlgorithm.Ed25519, _privateKey, KeyBlobFormat.RawPrivateKey);
        var signature = Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(timestamp + body)));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/discord/interactions", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Signature-Ed25519", signature);
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A fresh interaction id for each body, as Discord gives every interaction its own (a repeated one is refused as a replay).</summary>
    private static string NextId() => Interlocked.Increment(ref LastId).ToString(CultureInfo.InvariantCulture);

    /// <summary>A member in a server: <paramref name="permissions"/> 8192 is Manage Messages (a moderator), 2048 only Send Messages.</summary>
    public static string Member(string userId, string permissions, string nick = "Ana Moderadora") =>
        $$"""{"user":{"id":"{{userId}}","username":"ana","global_name":"Ana"},"nick":"{{nick}}","permissions":"{{permissions}}","roles":[]}""";

    public static string Command(string member, string optionsJson) => $$$"""
        {"type":2,"id":"{{{NextId()}}}","application_id":"123456789012345678","token":"t0k3n","version":1,
         "guild_id":"290926798626357999","channel_id":"645027906669510667","locale":"en-US","guild_locale":"en-US",
         "member":{{{member}}},
         "data":{"id":"771825006014889984","name":"facts","type":1,"options":{{{optionsJson}}}}}
        """;

    /// <summary>A modal submission, shaped as Discord sends it: action rows of text inputs with their values.</summary>
    public static string ModalSubmit(string member, string customId, IReadOnlyDictionary<string, string> values)
    {
        var rows = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject
        {
            ["type"] = 1,
            ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = v.Key, ["value"] = v.Value }),
        })]);
        var data = new JsonObject { ["custom_id"] = customId, ["components"] = rows };
        return $$$"""
            {"type":5,"id":"{{{NextId()}}}","application_id":"123456789012345678","token":"t0k3n","version":1,
             "guild_id":"290926798626357999","channel_id":"645027906669510667","locale":"en-US",
             "member":{{{member}}},
             "data":{{{data.ToJsonString()}}}}
            """;
    }

    public static string Button(string member, string customId) => $$$"""
        {"type":3,"id":"{{{NextId()}}}","application_id":"123456789012345678","token":"t0k3n","version":1,
         "guild_id":"290926798626357999","channel_id":"645027906669510667","locale":"en-US",
         "member":{{{member}}},
         "message":{"id":"4444444444444444444","flags":64},
         "data":{"custom_id":"{{{customId}}}","component_type":2}}
        """;

    /// <summary>The <c>custom_id</c>s of every component in a response's action rows, in order.</summary>
    public static List<string> Buttons(JsonObject response) =>
        [.. (response["data"]!["components"]?.AsArray() ?? []).SelectMany(row => row!["components"]!.AsArray()).Select(c => (string)c!["custom_id"]!)];
}
