using NSec.Cryptography;

namespace Bot.LoadTool;

/// <summary>The Ed25519 operations the tool needs, through NSec (libsodium bundled with the package), as the bot uses it.</summary>
internal static class Signing
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    public static int SignatureBytes => Ed25519.SignatureSize;

    /// <summary>A fresh key pair: the 32-byte public key and the 32-byte private key (seed).</summary>
    public static (byte[] PublicKey, byte[] PrivateKey) CreateKeyPair()
    {
        using var key = Key.Create(Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return (key.PublicKey.Export(KeyBlobFormat.RawPublicKey), key.Export(KeyBlobFormat.RawPrivateKey));
    }

    public static byte[] Sign(ReadOnlySpan<byte> message, ReadOnlySpan<byte> privateKey)
    {
        using var key = Key.Import(Ed25519, privateKey, KeyBlobFormat.RawPrivateKey);
        return Ed25519.Sign(key, message);
    }

    public static PublicKey ImportPublicKey(ReadOnlySpan<byte> publicKey) => PublicKey.Import(Ed25519, publicKey, KeyBlobFormat.RawPublicKey);

    public static bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, PublicKey publicKey) =>
        Ed25519.Verify(publicKey, message, signature);
}
