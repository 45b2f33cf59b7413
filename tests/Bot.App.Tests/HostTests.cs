using System.Net;
using System.Text.Json;
using Bot.App.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bot.App.Tests;

public sealed class HostTests
{
    private sealed class BotFactory(string factsPath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Facts:Path", factsPath);
            builder.UseSetting("Storage:DataPath", Path.Combine(Path.GetTempPath(), "bot-host-tests-" + Guid.NewGuid().ToString("N")));
        }
    }

    [Fact]
    public async Task Healthz_reports_healthy_with_the_fact_base_counts_and_version()
    {
        await using var factory = new BotFactory(Repo.Facts);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var data = json.RootElement.GetProperty("checks").GetProperty("facts").GetProperty("data");
        Assert.Equal(RealFacts.Base.Version, data.GetProperty("version").GetString());
        Assert.Equal(RealFacts.Base.People.Count, data.GetProperty("people").GetInt32());
        Assert.Equal(RealFacts.Base.Events.Count, data.GetProperty("events").GetInt32());
    }

    [Fact]
    public void A_broken_fact_base_stops_start_up_with_the_diagnostics()
    {
        var folder = Directory.CreateTempSubdirectory("bot-host-broken-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "sources.yaml"), "sources:\n  - id: x\n    url: http://insecure.example\n");
            using var factory = new BotFactory(folder.FullName);

            var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

            Assert.Contains("sources.yaml:3:10: error:", failure.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_configured_fact_folder_that_does_not_exist_stops_start_up()
    {
        using var factory = new BotFactory("/nonexistent/facts");

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Facts:Path '/nonexistent/facts' is not a folder.", failure.ToString(), StringComparison.Ordinal);
    }
}
