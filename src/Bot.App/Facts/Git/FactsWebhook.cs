using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Bot.App.Facts.Git;

/// <summary>
/// <c>POST /facts/webhook</c>: a forge's push notification. It is verified with <c>Facts:Git:WebhookSecret</c>, as
/// GitHub, Gitea and Forgejo sign (<c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>) or as
/// GitLab sends it (<c>X-Gitlab-Token: &lt;secret&gt;</c>), compared in constant time; anything else is 401. The body
/// is read (at most <see cref="MaxBodyBytes"/>) only to check the signature and is never parsed or trusted: a
/// verified call only asks for a fetch soon, which the sync worker debounces, so a replayed call costs one fetch.
/// </summary>
internal static partial class FactsWebhook
{
    public const string Route = "/facts/webhook";
    public const string SignatureHeader = "X-Hub-Signature-256";
    public const string GitLabTokenHeader = "X-Gitlab-Token";

    /// <summary>Push payloads are a few KB to a few hundred KB; the body only feeds the signature.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Maps the webhook when the git source and its secret are both configured.</summary>
    public static IEndpointRouteBuilder MapFactsWebhook(this IEndpointRouteBuilder app)
    {
        var git = app.ServiceProvider.GetRequiredService<IOptions<FactsOptions>>().Value.Git;
        if (git.Enabled && !string.IsNullOrEmpty(git.WebhookSecret))
        {
            app.MapPost(Route, HandleAsync);
        }

        return app;
    }

    private static async Task HandleAsync(HttpContext http, GitFactSource source, IOptions<FactsOptions> options, ILogger<GitFactSource> logger)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var body = await ReadBodyAsync(http.Request.Body, http.RequestAborted);
        if (body is null)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var secret = options.Value.Git.WebhookSecret ?? "";
        if (!Verified(http.Request.Headers[SignatureHeader], http.Request.Headers[GitLabTokenHeader], body, secret))
        {
            Log.Rejected(logger);
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        Log.Accepted(logger);
        source.RequestSync();
        http.Response.StatusCode = StatusCodes.Status202Accepted; // the fetch follows shortly, not before this answer
    }

    /// <summary>True when the body carries the secret's signature (GitHub, Gitea, Forgejo) or the secret itself (GitLab).</summary>
    internal static bool Verified(StringValues signature, StringValues gitLabToken, ReadOnlySpan<byte> body, string secret)
    {
        if (secret.Length == 0)
        {
            return false;
        }

        var key = Encoding.UTF8.GetBytes(secret);
        if (signature.Count == 1 && signature[0] is { } header && header.StartsWith("sha256=", StringComparison.Ordinal))
        {
            var hex = header.AsSpan(7);
            Span<byte> given = stackalloc byte[32];
            if (hex.Length != 64 || Convert.FromHexString(hex, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            {
                return false;
            }

            Span<byte> expected = stackalloc byte[32];
            HMACSHA256.HashData(key, body, expected);
            return CryptographicOperations.FixedTimeEquals(given, expected);
        }

        if (gitLabToken.Count == 1 && gitLabToken[0] is { } token)
        {
            // hashed first so that the comparison takes the same time whatever the lengths
            return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), SHA256.HashData(key));
        }

        return false;
    }

    /// <summary>The body, or null when it is longer than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static partial class Log
    {
        [LoggerMessage(4045, LogLevel.Information, "Fact repository webhook verified: fetching soon")]
        public static partial void Accepted(ILogger logger);

        [LoggerMessage(4046, LogLevel.Warning, "Fact repository webhook refused: missing or wrong signature")]
        public static partial void Rejected(ILogger logger);
    }
}
