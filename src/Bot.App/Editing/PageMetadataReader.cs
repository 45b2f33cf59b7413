using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Bot.Core.Editing;
using Microsoft.Extensions.Options;

namespace Bot.App.Editing;

/// <summary>Settings for reading a source page's metadata (<c>Facts:PageMetadata</c>).</summary>
public sealed class PageMetadataOptions
{
    public const string SectionName = "Facts:PageMetadata";

    /// <summary>Let the reader fetch pages on 127.0.0.1 and ::1 (tests only); private and link-local stay refused.</summary>
    public bool AllowLoopback { get; set; }
}

/// <summary>
/// Reads what a page says about itself (<c>og:site_name</c>, <c>og:title</c>, <c>article:published_time</c> or
/// JSON-LD <c>datePublished</c>, the page's language) to fill in a source the fact base does not have. Only http(s);
/// only public addresses, checked on the address actually connected to after DNS resolution (so neither a name that
/// resolves inward nor a redirect reaches the bot's own network); 5 seconds in all; at most 1 MB read.
/// </summary>
internal sealed partial class PageMetadataReader(IHttpClientFactory clients, TimeProvider time, ILogger<PageMetadataReader> logger) : ISourceMetadataReader
{
    public const string ClientName = "Facts.PageMetadata";
    public const int MaxBytes = 1024 * 1024;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<SourceMetadata?> ReadAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
        {
            return null;
        }

        using var deadline = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await clients.CreateClient(ClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType is not ("text/html" or "application/xhtml+xml"))
            {
                Log.Unreadable(logger, response.IsSuccessStatusCode ? "not an HTML page" : $"HTTP {(int)response.StatusCode}");
                return null;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token);
            var buffer = new byte[MaxBytes];
            var read = await stream.ReadAtLeastAsync(buffer, MaxBytes, throwOnEndOfStream: false, linked.Token);
            return Parse(Encoding.UTF8.GetString(buffer, 0, read));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            Log.Unreadable(logger, ex.GetType().Name); // never the URL: it may carry a token
            return null;
        }
    }

    internal static SourceMetadata? Parse(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        string? Meta(string name) =>
            document.QuerySelector($"meta[property='{name}'], meta[name='{name}']")?.GetAttribute("content")?.Trim() is { Length: > 0 } value ? value : null;

        var published = Date(Meta("article:published_time"));
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            if (published is not null)
            {
                break;
            }

            try
            {
                using var json = JsonDocument.Parse(script.TextContent);
                published = Date(Find(json.RootElement, "datePublished"));
            }
            catch (JsonException)
            {
                // a broken JSON-LD block tells nothing; the meta tags may still
            }
        }

        var language = (document.DocumentElement.GetAttribute("lang") ?? Meta("og:locale"))?.Trim() is { Length: >= 2 } lang ? lang[..2].ToLowerInvariant() : null;
        var metadata = new SourceMetadata(Meta("og:site_name"), Meta("og:title") ?? document.Title?.Trim(), published, language);
        return metadata.Outlet is null && metadata.Title is null && metadata.Published is null ? null : metadata;
    }

    private static string? Find(JsonElement element, string name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == name && property.Value.ValueKind == JsonValueKind.String)
                    {
                        return property.Value.GetString();
                    }

                    if (Find(property.Value, name) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(e => Find(e, name)).FirstOrDefault(v => v is not null);
            default:
                return null;
        }
    }

    /// <summary>The calendar date of an ISO 8601 timestamp (<c>2026-03-01T10:00:00-05:00</c> → <c>2026-03-01</c>), as the page gives it.</summary>
    private static string? Date(string? value) =>
        value is { Length: >= 10 } && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _) ? value[..10] : null;

    /// <summary>The handler: every connection (redirects included) goes only to a public address of the resolved name.</summary>
    internal static SocketsHttpHandler Handler(bool allowLoopback) => new()
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 3,
        UseCookies = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = addresses.FirstOrDefault(a => IsPublic(a) || (allowLoopback && IPAddress.IsLoopback(a)))
                ?? throw new HttpRequestException("the page's address is not public");
            var socket = new Socket(allowed.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(allowed, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>False for loopback, private, link-local, shared (CGNAT), unspecified, multicast and reserved addresses.</summary>
    internal static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && b[1] is 18 or 19));
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            && !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
                || address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any));
    }

    private static partial class Log
    {
        [LoggerMessage(4111, LogLevel.Information, "A source page's metadata could not be read ({Reason})")]
        public static partial void Unreadable(ILogger logger, string reason);
    }
}

internal static class PageMetadataRegistration
{
    public static IServiceCollection AddPageMetadata(this IServiceCollection services)
    {
        services.AddOptions<PageMetadataOptions>().BindConfiguration(PageMetadataOptions.SectionName);
        services.AddHttpClient(PageMetadataReader.ClientName, client => client.Timeout = PageMetadataReader.Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp => PageMetadataReader.Handler(sp.GetRequiredService<IOptions<PageMetadataOptions>>().Value.AllowLoopback));
        services.AddSingleton<ISourceMetadataReader, PageMetadataReader>();
        return services;
    }
}
