using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Bot.App.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bot.App.Tests;

/// <summary>
/// <c>bot facts links</c> against a local HTTPS server (a certificate made in the test): a fact base whose sources
/// answer, move, refuse HEAD, vanish or hang gets one located diagnostic per bad link and the right exit code.
/// </summary>
public sealed class SourceLinkTests
{
    [Fact]
    public async Task Broken_and_moved_links_are_reported_at_their_line_in_sources_yaml()
    {
        await using var server = await PageServer.StartAsync();
        using var folder = FactFolder.WithSources(server.BaseUrl, "ok", "moved", "head-refused", "gone", "slow");
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await CommandLine.LinksAsync([folder.Path, "--timeout", "10s"], output, error, server.TrustingHandler());

        Assert.Equal(1, exit);
        var errors = error.ToString();
        var warnings = output.ToString();
        Assert.Contains($"{folder.Path}/sources.yaml:{folder.UrlLine("gone")}:10: error: source 'page-gone': broken link (404 Not Found)", errors, StringComparison.Ordinal);
        Assert.Contains($"{folder.Path}/sources.yaml:{folder.UrlLine("slow")}:10: error: source 'page-slow': broken link (no answer within 10 s)", errors, StringComparison.Ordinal);
        Assert.Contains($"{folder.Path}/sources.yaml:{folder.UrlLine("moved")}:10: warning: source 'page-moved': moved permanently to {server.BaseUrl}/ok", warnings, StringComparison.Ordinal);
        Assert.DoesNotContain("page-ok", errors + warnings, StringComparison.Ordinal);
        Assert.DoesNotContain("page-head-refused", errors + warnings, StringComparison.Ordinal);
        Assert.Contains("5 link(s) checked: 2 ok, 1 moved, 2 broken.", warnings, StringComparison.Ordinal);
        Assert.All(server.UserAgents, ua => Assert.StartsWith("dispute-fact-bot-linkcheck/", ua, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_base_whose_links_all_answer_exits_zero()
    {
        await using var server = await PageServer.StartAsync();
        using var folder = FactFolder.WithSources(server.BaseUrl, "ok", "head-refused");
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await CommandLine.LinksAsync([folder.Path], output, error, server.TrustingHandler());

        Assert.True(exit == 0, error.ToString());
        Assert.Contains("2 link(s) checked: 2 ok, 0 moved, 0 broken.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_timeout_is_a_usage_error()
    {
        var error = new StringWriter();

        var exit = await CommandLine.LinksAsync(["--timeout", "soon"], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("--timeout 'soon' is not a duration", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A minimal valid fact base: one person citing one source per page name.</summary>
    private sealed class FactFolder : IDisposable
    {
        private readonly string[] _pages;

        private FactFolder(string path, string[] pages)
        {
            Path = path;
            _pages = pages;
        }

        public string Path { get; }

        /// <summary>Line 1 is "sources:"; each source then takes six lines, its url the fourth.</summary>
        public int UrlLine(string page) => 5 + (6 * Array.IndexOf(_pages, page));

        public static FactFolder WithSources(string baseUrl, params string[] pages)
        {
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bot-links-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(System.IO.Path.Combine(path, "people"));
            File.WriteAllText(System.IO.Path.Combine(path, "sources.yaml"), "sources:\n" + string.Concat(pages.Select(p => $"""
                  - id: page-{p}
                    outlet: Local
                    title: Page {p}
                    url: {baseUrl}/{p}
                    published: 2025-11-03
                    language: en

                """)));
            File.WriteAllText(System.IO.Path.Combine(path, "topics.yaml"), "topics:\n  - id: asylum\n    name: Asylum\n    name_es: Asilo\n    description: Asylum.\n    description_es: Asilo.\n");
            File.WriteAllText(System.IO.Path.Combine(path, "people", "someone.yaml"), $"""
                id: someone
                name: Someone
                country: Peru
                summary: A person.
                summary_es: Una persona.
                sources: [{string.Join(", ", pages.Select(p => "page-" + p))}]

                """);
            return new FactFolder(path, pages);
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>A local HTTPS server with one page per behaviour, recording the User-Agent of every request.</summary>
    private sealed class PageServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly X509Certificate2 _certificate;

        private PageServer(WebApplication app, X509Certificate2 certificate)
        {
            _app = app;
            _certificate = certificate;
        }

        public System.Collections.Concurrent.ConcurrentBag<string> UserAgents { get; } = [];

        public string BaseUrl => _app.Urls.First().Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);

        public static async Task<PageServer> StartAsync()
        {
            var certificate = SelfSigned();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
            var app = builder.Build();
            var server = new PageServer(app, certificate);
            app.Use(async (context, next) =>
            {
                server.UserAgents.Add(context.Request.Headers.UserAgent.ToString());
                await next(context);
            });
            app.MapMethods("/ok", ["GET", "HEAD"], () => Results.Ok());
            app.MapMethods("/moved", ["GET", "HEAD"], (HttpContext c) => Results.Redirect("/ok", permanent: true));
            app.MapGet("/head-refused", () => Results.Ok());
            app.MapMethods("/head-refused", ["HEAD"], () => Results.StatusCode(405));
            app.MapMethods("/gone", ["GET", "HEAD"], () => Results.NotFound());
            app.MapMethods("/slow", ["GET", "HEAD"], async (CancellationToken aborted) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), aborted);
                return Results.Ok();
            });
            await app.StartAsync();
            return server;
        }

        /// <summary>A handler like the checker's own that trusts exactly this server's certificate.</summary>
        public SocketsHttpHandler TrustingHandler() => new()
        {
            AllowAutoRedirect = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == _certificate.GetCertHashString() },
        };

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _certificate.Dispose();
        }

        private static X509Certificate2 SelfSigned()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
