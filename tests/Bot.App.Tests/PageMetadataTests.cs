using System.Net;
using Bot.App.Editing;
using Bot.App.Tests.Support;
using Bot.Core.Editing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.App.Tests;

/// <summary>
/// A source URL the fact base does not have yet: its page's Open Graph and JSON-LD metadata fill in the new source
/// (from a page served on 127.0.0.1, which only a test setting allows); a page the bot may not read sends the
/// moderator to /facts add-source instead.
/// </summary>
public sealed class PageMetadataTests : IAsyncLifetime
{
    private const string Page = """
        <!doctype html><html lang="es-PE"><head>
        <meta property="og:site_name" content="Diario de Prueba">
        <meta property="og:title" content="Un titular de prueba sobre la disputa">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2026-03-01T09:30:00-05:00"}]}</script>
        <title>ignored</title></head><body><p>texto</p></body></html>
        """;

    private readonly DirectoryInfo _facts = Directory.CreateTempSubdirectory("bot-page-facts-");
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-page-data-");
    private readonly SignedDiscord _discord = new();
    private WebApplication? _site;

    private string PageUrl => _site!.Urls.First() + "/news/2026/03/01/test";

    public async Task InitializeAsync()
    {
        Repo.CopyFactsTo(_facts.FullName);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _site = builder.Build();
        _site.MapGet("/news/{**rest}", () => Results.Content(Page, "text/html; charset=utf-8"));
        await _site.StartAsync();
    }

    [Fact]
    public async Task A_pages_open_graph_and_json_ld_give_the_outlet_headline_date_and_language()
    {
        await using var factory = Host(allowLoopback: true);
        _ = factory.CreateClient();
        var reader = factory.Services.GetRequiredService<ISourceMetadataReader>();

        var page = await reader.ReadAsync(new Uri(PageUrl), CancellationToken.None);

        Assert.Equal(new SourceMetadata("Diario de Prueba", "Un titular de prueba sobre la disputa", "2026-03-01", "es"), page);
    }

    [Fact]
    public async Task A_new_source_read_from_its_page_goes_through_the_loader_which_refuses_an_http_link()
    {
        await using var factory = Host(allowLoopback: true);
        using var client = factory.CreateClient();

        var refused = await _discord.InteractAsync(client, SignedDiscord.ModalSubmit(SignedDiscord.Member("1", "8192"), "facts-edit:add-event", Event()), DateTimeOffset.UtcNow);

        // the page was read (the new entry exists, at the end of sources.yaml) and the loader judged it like any other
        Assert.Contains($"is not an https URL: sources must link to an https page", refused.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("add-source", refused.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Diario de Prueba", await File.ReadAllTextAsync(Path.Combine(_facts.FullName, "sources.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_on_a_loopback_address_is_not_read_by_default_and_the_moderator_is_sent_to_add_source()
    {
        await using var factory = Host(allowLoopback: false);
        using var client = factory.CreateClient();

        var refused = await _discord.InteractAsync(client, SignedDiscord.ModalSubmit(SignedDiscord.Member("1", "8192"), "facts-edit:add-event", Event()), DateTimeOffset.UtcNow);

        Assert.Contains("add it first with /facts add-source", refused.ToJsonString(), StringComparison.Ordinal);
        Assert.StartsWith("facts-edit:reopen:", SignedDiscord.Buttons(refused).Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)] // cloud metadata
    [InlineData("100.64.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", true)]
    public void Only_public_addresses_are_fetched(string address, bool fetched) =>
        Assert.Equal(fetched, PageMetadataReader.IsPublic(IPAddress.Parse(address)));

    public async Task DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }

        _facts.Delete(recursive: true);
        _data.Delete(recursive: true);
    }

    private Dictionary<string, string> Event() => new()
    {
        ["date"] = "2026-03-02",
        ["title"] = "Test event with a new source",
        ["summary"] = "A test summary.",
        ["sources"] = PageUrl,
    };

    private WebApplicationFactory<Program> Host(bool allowLoopback) => new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Facts:Path", _facts.FullName);
        builder.UseSetting("Facts:Watch", "false");
        builder.UseSetting("Storage:DataPath", _data.FullName);
        builder.UseSetting("Discord:PublicKey", _discord.PublicKeyHex);
        builder.UseSetting("Facts:PageMetadata:AllowLoopback", allowLoopback ? "true" : "false");
    });
}
