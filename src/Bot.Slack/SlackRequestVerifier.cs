using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Bot.Slack;

/// <summary>The outcome of checking a request's Slack signature.</summary>
internal enum SlackVerification
{
    Valid,
    MissingHeaders,
    BadTimestamp,
    Stale,
    BadSignature,
}

/// <summary>
/// Checks Slack's <c>v0</c> request signature: <c>v0=</c> + hex(HMAC-SHA256(signing secret, <c>v0:{timestamp}:{raw body}</c>)),
/// compared in constant time, with timestamps more than five minutes from now refused (replay).
/// </summary>
internal sealed class SlackRequestVerifier
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private const string Version = "v0";
    private const int HashBytes = 32;

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public SlackRequestVerifier(IOptions<SlackOptions> options, TimeProvider time)
        : this(options?.Value.SigningSecret ?? throw new ArgumentNullException(nameof(options)), time)
    {
    }

    internal SlackRequestVerifier(string signingSecret, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signingSecret);
        _key = Encoding.UTF8.GetBytes(signingSecret); // Slack: use the secret as a UTF-8 string, not decoded hex
        _time = time;
    }

    public SlackVerification Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SlackVerification.MissingHeaders;
        }

        if (timestamp.Length > 12 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SlackVerification.BadTimestamp;
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > (long)MaxClockSkew.TotalSeconds)
        {
            return SlackVerification.Stale;
        }

        Span<byte> given = stackalloc byte[HashBytes];
        if (!signature.StartsWith(Version + "=", StringComparison.Ordinal)
            || signature.Length != Version.Length + 1 + (HashBytes * 2)
            || Convert.FromHexString(signature.AsSpan(Version.Length + 1), given, out _, out var written) != OperationStatus.Done
            || written != HashBytes)
        {
            return SlackVerification.BadSignature;
        }

        // v0:{timestamp}:{body}
        var prefixLength = Version.Length + 1 + timestamp.Length + 1;
        var rented = ArrayPool<byte>.Shared.Rent(prefixLength + body.Length);
        try
        {
            var written2 = Encoding.ASCII.GetBytes($"{Version}:{timestamp}:", rented);
            body.CopyTo(rented.AsSpan(written2));
            Span<byte> expected = stackalloc byte[HashBytes];
            HMACSHA256.HashData(_key, rented.AsSpan(0, written2 + body.Length), expected);
            return CryptographicOperations.FixedTimeEquals(expected, given) ? SlackVerification.Valid : SlackVerification.BadSignature;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The signature Slack would send for this body (tests and local tools).</summary>
    internal static string Sign(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        var basestring = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:").Concat(body.ToArray()).ToArray();
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), basestring);
        return Version + "=" + Convert.ToHexStringLower(hash);
    }
}
