using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace Bot.Discord.Tests.Support;

/// <summary>An Ed25519 key pair made for the test run, signing requests the way Discord does.</summary>
internal sealed class TestKeys
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    private readonly byte[] _privateKey;

    public TestKeys()
    {
        using var key = Key.Create(Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        _privateKey = key.Export(KeyBlobFormat.RawPrivateKey);
        PublicKeyHex = Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public string PublicKeyHex { get; }

    public string Sign(string timestamp, string body) => Sign(Encoding.UTF8.GetBytes(timestamp + body));

    /// <summary>Signs raw bytes (for bodies that are not valid UTF-8).</summary>
    public string Sign(string timestamp, byte[] body) => Sign([.. Encoding.UTF8.GetBytes(timestamp), .. body]);

    private string Sign(byte[] message)
    {
        using var key = Key.Import(Ed25519, _privateKey, KeyBlobFormat.RawPrivateKey);
        return Convert.ToHexStringLower(Ed25519.Sign(key, message));
    }

    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
