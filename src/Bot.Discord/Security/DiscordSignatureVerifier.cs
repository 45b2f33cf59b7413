using System.Buffers;
using System.Text;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace Bot.Discord.Security;

/// <summary>Why a request was refused before its body was parsed.</summary>
internal enum SignatureCheck
{
    Valid,
    MissingHeaders,
    MalformedHeaders,
    StaleTimestamp,
    BadSignature,
}

/// <summary>
/// Checks Discord's Ed25519 signature over <c>X-Signature-Timestamp + raw body</c> with NSec (libsodium, bundled with
/// the package), and refuses timestamps too far from now (replays). The public key is imported once, on construction.
/// </summary>
internal sealed class DiscordSignatureVerifier
{
    private const int MaxTimestampLength = 20;

    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    private readonly PublicKey _publicKey;
    private readonly TimeProvider _time;
    private readonly long _maxSkewSeconds;

    public DiscordSignatureVerifier(IOptions<DiscordOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = options.Value.PublicKey?.Trim() ?? "";
        if (!DiscordOptionsValidator.IsHex(key, 64))
        {
            throw new InvalidOperationException("Discord:PublicKey must be 64 hexadecimal characters.");
        }

        _publicKey = PublicKey.Import(Ed25519, Convert.FromHexString(key), KeyBlobFormat.RawPublicKey);
        _time = time;
        _maxSkewSeconds = options.Value.MaxClockSkewSeconds;
    }

    public SignatureCheck Check(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(signatureHex) || string.IsNullOrEmpty(timestamp))
        {
            return SignatureCheck.MissingHeaders;
        }

        Span<byte> signature = stackalloc byte[Ed25519.SignatureSize];
        if (signatureHex.Length != Ed25519.SignatureSize * 2
            || timestamp.Length > MaxTimestampLength
            || !timestamp.All(char.IsAsciiDigit)
            || Convert.FromHexString(signatureHex, signature, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != Ed25519.SignatureSize
            || !long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.MalformedHeaders;
        }

        if (Math.Abs(_time.GetUtcNow().ToUnixTimeSeconds() - seconds) > _maxSkewSeconds)
        {
            return SignatureCheck.StaleTimestamp;
        }

        var length = timestamp.Length + body.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var message = rented.AsSpan(0, length);
            Encoding.ASCII.GetBytes(timestamp, message);
            body.CopyTo(message[timestamp.Length..]);
            return Ed25519.Verify(_publicKey, message, signature) ? SignatureCheck.Valid : SignatureCheck.BadSignature;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
