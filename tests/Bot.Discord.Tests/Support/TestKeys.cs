using System.Globalization;
using System.Text;
using Bot.Discord.Security;

namespace Bot.Discord.Tests.Support;

/// <summary>An Ed25519 key pair made for the test run, signing requests the way Discord does.</summary>
internal sealed class TestKeys
{
    private readonly byte[] _secretKey;

    public TestKeys()
    {
        (var publicKey, _secretKey) = Sodium.CreateKeyPair();
        PublicKeyHex = Convert.ToHexStringLower(publicKey);
    }

    public string PublicKeyHex { get; }

    public string Sign(string timestamp, string body) =>
        Convert.ToHexStringLower(Sodium.Sign(Encoding.UTF8.GetBytes(timestamp + body), _secretKey));

    /// <summary>Signs raw bytes (for bodies that are not valid UTF-8).</summary>
    public string Sign(string timestamp, byte[] body) =>
        Convert.ToHexStringLower(Sodium.Sign([.. Encoding.UTF8.GetBytes(timestamp), .. body], _secretKey));

    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}

/// <summary>A clock that always says the same time.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
