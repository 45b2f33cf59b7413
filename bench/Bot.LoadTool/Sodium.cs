using System.Runtime.InteropServices;

namespace Bot.LoadTool;

/// <summary>The libsodium Ed25519 calls the tool needs (Debian: libsodium23, which ships only the versioned name).</summary>
internal static partial class Sodium
{
    public const int PublicKeyBytes = 32;
    public const int SecretKeyBytes = 64;
    public const int SignatureBytes = 64;

    private const string Library = "libsodium.so.23";

    public static void Initialize()
    {
        if (Init() < 0)
        {
            throw new InvalidOperationException("sodium_init() failed.");
        }
    }

    public static (byte[] PublicKey, byte[] SecretKey) CreateKeyPair()
    {
        var publicKey = new byte[PublicKeyBytes];
        var secretKey = new byte[SecretKeyBytes];
        if (KeyPair(publicKey, secretKey) != 0)
        {
            throw new InvalidOperationException("crypto_sign_keypair failed.");
        }

        return (publicKey, secretKey);
    }

    public static byte[] Sign(ReadOnlySpan<byte> message, ReadOnlySpan<byte> secretKey)
    {
        if (secretKey.Length != SecretKeyBytes)
        {
            throw new ArgumentException("An Ed25519 secret key is 64 bytes.", nameof(secretKey));
        }

        var signature = new byte[SignatureBytes];
        if (SignDetached(signature, out _, message, (ulong)message.Length, secretKey) != 0)
        {
            throw new InvalidOperationException("crypto_sign_detached failed.");
        }

        return signature;
    }

    public static bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, ReadOnlySpan<byte> publicKey) =>
        signature.Length == SignatureBytes
        && publicKey.Length == PublicKeyBytes
        && VerifyDetached(signature, message, (ulong)message.Length, publicKey) == 0;

    [LibraryImport(Library, EntryPoint = "sodium_init")]
    private static partial int Init();

    [LibraryImport(Library, EntryPoint = "crypto_sign_keypair")]
    private static partial int KeyPair(Span<byte> publicKey, Span<byte> secretKey);

    [LibraryImport(Library, EntryPoint = "crypto_sign_detached")]
    private static partial int SignDetached(Span<byte> signature, out ulong signatureLength, ReadOnlySpan<byte> message, ulong messageLength, ReadOnlySpan<byte> secretKey);

    [LibraryImport(Library, EntryPoint = "crypto_sign_verify_detached")]
    private static partial int VerifyDetached(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, ulong messageLength, ReadOnlySpan<byte> publicKey);
}
