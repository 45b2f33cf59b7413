using System.Buffers;
using System.Text;
using Microsoft.Extensions.Options;

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
/// Checks Discord's Ed25519 signature over <c>X-Signature-Timestamp + raw body</c> with libsodium, and refuses
/// timestamps too far from now (replays). Constructing it loads libsodium, so a missing library stops start-up.
/// </summary>
internal sealed class DiscordSignatureVerifier
{
    private const int MaxTimestampLength = 20;

    private readonly byte[] _publicKey;
    private readonly TimeProvider _time;
    private readonly long _maxSkewSeconds;

    public DiscordSignatureVerifier(IOptions<DiscordOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        Sodium.EnsureAvailable();
        var key = options.Value.PublicKey?.Trim() ?? "";
        if (!DiscordOptionsValidator.IsHex(key, 64))
        {
            throw new InvalidOperationException("Discord:PublicKey must be 64 hexadecimal characters.");
        }

        _publicKey = Convert.FromHexString(key);
        _time = time;
        _maxSkewSeconds = options.Value.MaxClockSkewSeconds;
    }

    public SignatureCheck Check(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(signatureHex) || string.IsNullOrEmpty(timestamp))
        {
            return SignatureCheck.MissingHeaders;
        }

        Span<byte> signature = stackalloc byte[Sodium.SignatureBytes];
        if (signatureHex.Length != Sodium.SignatureBytes * 2
            || timestamp.Length > MaxTimestampLength
            || !timestamp.All(char.IsAsciiDigit)
            || Convert.FromHexString(signatureHex, signature, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != Sodium.SignatureBytes
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
            return Sodium.Verify(signature, message, _publicKey) ? SignatureCheck.Valid : SignatureCheck.BadSignature;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
