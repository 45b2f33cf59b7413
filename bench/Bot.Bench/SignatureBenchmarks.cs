using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using NSec.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Bot.Bench;

/// <summary>
/// The ways to verify a Discord request signature (Ed25519 over timestamp + raw body) from .NET, each verifying the
/// same valid signature over a message the size of a real interaction:
/// <list type="bullet">
/// <item>NSec.Cryptography <c>SignatureAlgorithm.Ed25519.Verify</c> with a public key imported once: what
/// <c>Bot.Discord.Security.DiscordSignatureVerifier</c> does (the baseline).</item>
/// <item>libsodium <c>crypto_sign_verify_detached</c> through P/Invoke, on the libsodium NSec bundles: the same native
/// call without NSec's wrapper (what the adapter did before it used NSec).</item>
/// <item>Portable.BouncyCastle 1.8.10: <c>Ed25519Signer</c> (its documented API, one signer per request, as a server
/// would use it) and the lower-level static <c>Rfc8032.Ed25519.Verify</c>.</item>
/// <item>OpenSSL 3 (<c>libcrypto.so.3</c>, EVP_DigestVerify with a raw Ed25519 public key) through P/Invoke.</item>
/// </list>
/// .NET 10 itself has no Ed25519 (no type or algorithm for it in the shared framework; <c>ECDsa</c> with the Ed25519
/// OID throws <see cref="PlatformNotSupportedException"/>), so there is no in-box row. HMAC-SHA256 (Slack's v0
/// signature) is the reference row.
/// </summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private const int SignatureBytes = 64;
    private const int OpenSslEd25519 = 1087; // EVP_PKEY_ED25519 (NID_ED25519)

    private byte[] _message = [];
    private byte[] _publicKey = [];
    private byte[] _signature = [];
    private byte[] _hmacKey = [];
    private Ed25519PublicKeyParameters _bouncyKey = null!;
    private PublicKey _nsecKey = null!;
    private IntPtr _openSslKey;

    /// <summary>Message length: a tiny one, and one the size of a real /who interaction (timestamp + ~1.9 KB JSON).</summary>
    [Params(64, 2048)]
    public int MessageBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (SodiumInit() < 0)
        {
            throw new InvalidOperationException("sodium_init failed");
        }

        var seed = new byte[32];
        for (var i = 0; i < seed.Length; i++)
        {
            seed[i] = (byte)(i * 7 + 1);
        }

        var privateKey = new Ed25519PrivateKeyParameters(seed, 0);
        _bouncyKey = privateKey.GeneratePublicKey();
        _publicKey = _bouncyKey.GetEncoded();
        _nsecKey = PublicKey.Import(SignatureAlgorithm.Ed25519, _publicKey, KeyBlobFormat.RawPublicKey);
        _message = Encoding.ASCII.GetBytes("1763000000" + new string('x', MessageBytes - 10));
        var signer = new Ed25519Signer();
        signer.Init(true, privateKey);
        signer.BlockUpdate(_message, 0, _message.Length);
        _signature = signer.GenerateSignature();
        _hmacKey = Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef");
        _openSslKey = OpenSslNewRawPublicKey(OpenSslEd25519, IntPtr.Zero, _publicKey, (nuint)_publicKey.Length);
        if (_openSslKey == IntPtr.Zero)
        {
            throw new InvalidOperationException("EVP_PKEY_new_raw_public_key failed");
        }

        // Every candidate accepts the signature and rejects it once one bit of the message changes.
        var tampered = (byte[])_message.Clone();
        tampered[^1] ^= 1;
        Check(NSecVerify(), "NSec accepts");
        Check(LibsodiumVerify(), "libsodium accepts");
        Check(BouncyCastleSigner(), "BouncyCastle Ed25519Signer accepts");
        Check(BouncyCastleStatic(), "BouncyCastle Ed25519.Verify accepts");
        Check(OpenSslVerify(), "OpenSSL accepts");
        Check(!SignatureAlgorithm.Ed25519.Verify(_nsecKey, tampered, _signature), "NSec rejects");
        Check(SodiumVerifyDetached(_signature, tampered, (ulong)tampered.Length, _publicKey) != 0, "libsodium rejects");
        Check(!Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Verify(_signature, 0, _publicKey, 0, tampered, 0, tampered.Length), "BouncyCastle rejects");
        Check(OpenSslVerify(tampered) != 1, "OpenSSL rejects");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_openSslKey != IntPtr.Zero)
        {
            OpenSslFreeKey(_openSslKey);
            _openSslKey = IntPtr.Zero;
        }
    }

    [Benchmark(Baseline = true, Description = "NSec.Cryptography 26.4.0 Ed25519.Verify")]
    public bool NSecVerify() => SignatureAlgorithm.Ed25519.Verify(_nsecKey, _message, _signature);

    [Benchmark(Description = "libsodium crypto_sign_verify_detached (P/Invoke, NSec's bundled library)")]
    public bool LibsodiumVerify() =>
        _signature.Length == SignatureBytes && SodiumVerifyDetached(_signature, _message, (ulong)_message.Length, _publicKey) == 0;

    [Benchmark(Description = "Portable.BouncyCastle 1.8.10 Ed25519Signer")]
    public bool BouncyCastleSigner()
    {
        var verifier = new Ed25519Signer();
        verifier.Init(false, _bouncyKey);
        verifier.BlockUpdate(_message, 0, _message.Length);
        return verifier.VerifySignature(_signature);
    }

    [Benchmark(Description = "Portable.BouncyCastle 1.8.10 Rfc8032.Ed25519.Verify")]
    public bool BouncyCastleStatic() =>
        Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Verify(_signature, 0, _publicKey, 0, _message, 0, _message.Length);

    [Benchmark(Description = "OpenSSL 3 EVP_DigestVerify (P/Invoke)")]
    public bool OpenSslVerify() => OpenSslVerify(_message) == 1;

    [Benchmark(Description = "reference: HMAC-SHA256 (Slack v0), in-box")]
    public byte[] HmacSha256() => HMACSHA256.HashData(_hmacKey, _message);

    private int OpenSslVerify(byte[] message)
    {
        var context = OpenSslNewContext();
        try
        {
            return OpenSslDigestVerifyInit(context, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, _openSslKey) == 1
                ? OpenSslDigestVerify(context, _signature, (nuint)_signature.Length, message, (nuint)message.Length)
                : -1;
        }
        finally
        {
            OpenSslFreeContext(context);
        }
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Ed25519 sanity check failed: {what}");
        }
    }

    // "libsodium" resolves to the native library NSec.Cryptography ships (runtimes/<rid>/native), listed in deps.json.
    [DllImport("libsodium", EntryPoint = "sodium_init")]
    private static extern int SodiumInit();

    [DllImport("libsodium", EntryPoint = "crypto_sign_verify_detached")]
    private static extern int SodiumVerifyDetached(byte[] signature, byte[] message, ulong messageLength, byte[] publicKey);

    [DllImport("libcrypto.so.3", EntryPoint = "EVP_PKEY_new_raw_public_key")]
    private static extern IntPtr OpenSslNewRawPublicKey(int type, IntPtr engine, byte[] key, nuint keyLength);

    [DllImport("libcrypto.so.3", EntryPoint = "EVP_PKEY_free")]
    private static extern void OpenSslFreeKey(IntPtr key);

    [DllImport("libcrypto.so.3", EntryPoint = "EVP_MD_CTX_new")]
    private static extern IntPtr OpenSslNewContext();

    [DllImport("libcrypto.so.3", EntryPoint = "EVP_MD_CTX_free")]
    private static extern void OpenSslFreeContext(IntPtr context);

    [DllImport("libcrypto.so.3", EntryPoint = "EVP_DigestVerifyInit")]
    private static extern int OpenSslDigestVerifyInit(IntPtr context, IntPtr keyContext, IntPtr digest, IntPtr engine, IntPtr key);

    [DllImport("libcrypto.so.3", EntryPoint = "EVP_DigestVerify")]
    private static extern int OpenSslDigestVerify(IntPtr context, byte[] signature, nuint signatureLength, byte[] message, nuint messageLength);
}
