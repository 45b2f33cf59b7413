using System.Net;
using System.Text.Json;
using Bot.App.Facts;
using Bot.App.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.App.Tests;

/// <summary>/livez, /readyz and /healthz over HTTP: read-only, no server paths, and storage reported.</summary>
public sealed class HealthEndpointTests : IDisposable
{
    private readonly DirectoryInfo _facts = Directory.CreateTempSubdirectory("bot-health-facts-");
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-health-data-");
    private readonly WebApplicationFactory<Program> _factory;

    public HealthEndpointTests()
    {
        Repo.CopyFactsTo(_facts.FullName, "*.yaml");

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Facts:Path", _facts.FullName);
            builder.UseSetting("Facts:Watch", "false");
            builder.UseSetting("Storage:DataPath", _data.FullName);
        });
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/livez")]
    public async Task Health_endpoints_answer_get_and_head_and_refuse_every_other_method(string path)
    {
        using var client = _factory.CreateClient();

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(method, new Uri(path, UriKind.Relative)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Post, HttpMethod.Patch, HttpMethod.Trace, HttpMethod.Options })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(method, new Uri(path, UriKind.Relative)));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_degraded_healthz_names_files_relative_to_the_fact_folder()
    {
        using var client = _factory.CreateClient();
        var person = Path.Combine(_facts.FullName, "people", "jose-jeri.yaml");
        await File.WriteAllTextAsync(person, (await File.ReadAllTextAsync(person)).Replace("name:", "name: \"unterminated", StringComparison.Ordinal));
        Assert.False(_factory.Services.GetRequiredService<FactStore>().Reload());

        var body = await client.GetStringAsync(new Uri("/healthz", UriKind.Relative));

        using var json = JsonDocument.Parse(body);
        Assert.Equal("Degraded", json.RootElement.GetProperty("status").GetString());
        var errors = json.RootElement.GetProperty("checks").GetProperty("facts").GetProperty("data").GetProperty("errors");
        Assert.Contains(errors.EnumerateArray(), e => e.GetString()!.StartsWith("people/jose-jeri.yaml:", StringComparison.Ordinal));
        Assert.All(errors.EnumerateArray(), e => Assert.False(Path.IsPathRooted(e.GetString()), e.GetString()));
        Assert.DoesNotContain(_facts.FullName, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_reports_the_feedback_storage_without_its_path()
    {
        using var client = _factory.CreateClient();

        var body = await client.GetStringAsync(new Uri("/healthz", UriKind.Relative));

        using var json = JsonDocument.Parse(body);
        var storage = json.RootElement.GetProperty("checks").GetProperty("storage");
        Assert.Equal("Healthy", storage.GetProperty("status").GetString());
        Assert.Equal("SQLite", storage.GetProperty("data").GetProperty("provider").GetString());
        Assert.Equal(2, storage.GetProperty("data").GetProperty("schemaVersion").GetInt32());
        Assert.DoesNotContain(_data.FullName, body, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _facts.Delete(recursive: true);
        _data.Delete(recursive: true);
    }
}
