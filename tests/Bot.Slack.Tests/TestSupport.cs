using System.Reflection;
using System.Text;
using Bot.Core.Facts;
using Bot.Core.Loading;

namespace Bot.Slack.Tests;

/// <summary>The real fact base of the repository, loaded once (it is immutable).</summary>
internal static class TestFacts
{
    private static readonly Lazy<FactBase> Loaded = new(Load);

    public static FactBase Real => Loaded.Value;

    public static string RepoRoot()
    {
        var built = typeof(TestFacts).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        foreach (var start in (string?[])[AppContext.BaseDirectory, built])
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }

    private static FactBase Load()
    {
        var report = new FactBaseLoader(TimeProvider.System).Load(Path.Combine(RepoRoot(), "facts"));
        return report.Facts ?? throw new InvalidOperationException("The real fact base has errors: " + string.Join("; ", report.Errors));
    }
}

internal static class Signing
{
    public const string Secret = "test-signing-secret-0123456789abcdef";

    private static long LastTrigger;

    /// <summary>A fresh trigger_id, as Slack sends with every command and button press.</summary>
    public static string NewTriggerId() => "1." + Interlocked.Increment(ref LastTrigger).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".a1b2c3";

    public static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static HttpRequestMessage SignedForm(string path, string body, string? secret = Secret, string? timestamp = null, string contentType = "application/x-www-form-urlencoded")
    {
        timestamp ??= Now();
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (secret is not null)
        {
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
            request.Headers.Add("X-Slack-Signature", SlackRequestVerifier.Sign(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        }

        return request;
    }

    public static string Form(params (string Name, string Value)[] fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));
}
