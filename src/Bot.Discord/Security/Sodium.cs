using System.Reflection;
using System.Runtime.InteropServices;

namespace Bot.Discord.Security;

/// <summary>
/// The few libsodium functions the adapter uses, through P/Invoke. Debian ships the library as <c>libsodium.so.23</c>
/// (package <c>libsodium23</c>) without the unversioned name, so the resolver tries that name first.
/// </summary>
internal static partial class Sodium
{
    public const int PublicKeyBytes = 32;
    public const int SecretKeyBytes = 64;
    public const int SignatureBytes = 64;

    private const string Library = "libsodium";

    private static readonly string[] Candidates = ["libsodium.so.23", "libsodium.so", "libsodium"];

    private static readonly Lazy<string?> InitializationError = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads and initialises libsodium once; throws with instructions when it is missing.</summary>
    public static void EnsureAvailable()
    {
        if (InitializationError.Value is { } error)
        {
            throw new InvalidOperationException(error);
        }
    }

    public static bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, ReadOnlySpan<byte> publicKey)
    {
        if (signature.Length != SignatureBytes || publicKey.Length != PublicKeyBytes)
        {
            return false;
        }

        return VerifyDetached(signature, message, (ulong)message.Length, publicKey) == 0;
    }

    /// <summary>A fresh key pair (tests and local tools sign with it).</summary>
    public static (byte[] PublicKey, byte[] SecretKey) CreateKeyPair()
    {
        EnsureAvailable();
        var publicKey = new byte[PublicKeyBytes];
        var secretKey = new byte[SecretKeyBytes];
        if (KeyPair(publicKey, secretKey) != 0)
        {
            throw new InvalidOperationException("libsodium could not create a key pair.");
        }

        return (publicKey, secretKey);
    }

    public static byte[] Sign(ReadOnlySpan<byte> message, ReadOnlySpan<byte> secretKey)
    {
        EnsureAvailable();
        var signature = new byte[SignatureBytes];
        if (secretKey.Length != SecretKeyBytes || SignDetached(signature, out _, message, (ulong)message.Length, secretKey) != 0)
        {
            throw new InvalidOperationException("libsodium could not sign the message.");
        }

        return signature;
    }

    private static string? Initialize()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Sodium).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // A resolver is already set for this assembly; the loader's default probing still applies.
        }

        try
        {
            return Init() >= 0 ? null : "libsodium is installed but sodium_init() failed, so Discord signatures cannot be verified.";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return "The Discord adapter verifies request signatures with libsodium, which was not found "
                + $"({string.Join(", ", Candidates)}). Install it (Debian/Ubuntu: apt-get install libsodium23) "
                + "or unset Discord:PublicKey to run without the Discord adapter.";
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, path, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    [LibraryImport(Library, EntryPoint = "sodium_init")]
    private static partial int Init();

    [LibraryImport(Library, EntryPoint = "crypto_sign_verify_detached")]
    private static partial int VerifyDetached(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, ulong messageLength, ReadOnlySpan<byte> publicKey);

    [LibraryImport(Library, EntryPoint = "crypto_sign_keypair")]
    private static partial int KeyPair(Span<byte> publicKey, Span<byte> secretKey);

    [LibraryImport(Library, EntryPoint = "crypto_sign_detached")]
    private static partial int SignDetached(Span<byte> signature, out ulong signatureLength, ReadOnlySpan<byte> message, ulong messageLength, ReadOnlySpan<byte> secretKey);
}
