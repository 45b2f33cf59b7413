using System.Buffers;
using System.Net;
using System.Text;

namespace Bot.LoadTool;

/// <summary>
/// The comparison servers: a bare Kestrel app (slim builder, one routed POST endpoint) answering a constant, and the
/// same app verifying a Discord Ed25519 signature (timestamp + raw body, NSec as the bot does) before answering the constant.
/// </summary>
internal static class Ceiling
{
    private const int MaxBodyBytes = 8 * 1024;

    private static readonly byte[] Constant = Encoding.UTF8.GetBytes("""{"type":4,"data":{"content":"ok"}}""");

    public static int Run(int port, byte[]? publicKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        if (publicKey is null)
        {
            app.MapPost("/", WriteConstantAsync);
        }
        else
        {
            var key = Signing.ImportPublicKey(publicKey);
            app.MapPost("/", http => VerifyThenConstantAsync(http, key));
        }

        app.Run();
        return 0;
    }

    private static Task WriteConstantAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = Constant.Length;
        return http.Response.Body.WriteAsync(Constant, http.RequestAborted).AsTask();
    }

    private static async Task VerifyThenConstantAsync(HttpContext http, NSec.Cryptography.PublicKey publicKey)
    {
        var signatureHex = http.Request.Headers["X-Signature-Ed25519"].ToString();
        var timestamp = http.Request.Headers["X-Signature-Timestamp"].ToString();
        if (signatureHex.Length != Signing.SignatureBytes * 2 || timestamp.Length is 0 or > 20)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 32);
        try
        {
            var prefix = Encoding.ASCII.GetBytes(timestamp, buffer);
            var length = prefix;
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer.AsMemory(length, buffer.Length - length), http.RequestAborted)) > 0)
            {
                length += read;
                if (length >= buffer.Length)
                {
                    http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }
            }

            if (!Verified(signatureHex, buffer.AsSpan(0, length), publicKey))
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await WriteConstantAsync(http);
    }

    private static bool Verified(string signatureHex, ReadOnlySpan<byte> message, NSec.Cryptography.PublicKey publicKey)
    {
        Span<byte> signature = stackalloc byte[Signing.SignatureBytes];
        return Convert.FromHexString(signatureHex, signature, out _, out var written) == OperationStatus.Done
            && written == Signing.SignatureBytes
            && Signing.Verify(signature, message, publicKey);
    }
}
