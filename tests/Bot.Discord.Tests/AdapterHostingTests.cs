using System.Net;
using System.Text.Json.Nodes;
using Bot.Core.Facts;
using Bot.Core.Querying;
using Bot.Discord.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Tests;

public sealed class AdapterHostingTests
{
    [Fact]
    public async Task A_failure_inside_the_core_becomes_an_ephemeral_apology_and_an_error_log()
    {
        await using var host = await DiscordTestHost.StartAsync(new BrokenStore());

        var response = await host.InteractAsync(Payloads.Command("who", """[{"name":"name","type":3,"value":"x"}]""", locale: "es-ES"));

        Assert.Equal(4, (int)response["type"]!);
        Assert.Equal(64, (int)response["data"]!["flags"]!);
        Assert.StartsWith("Lo siento", (string)response["data"]!["content"]!, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Error && e.Event.Id == 2004 && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task A_failure_during_autocomplete_returns_no_choices()
    {
        await using var host = await DiscordTestHost.StartAsync(new BrokenStore());

        var response = await host.InteractAsync(Payloads.Autocomplete("who", "name", "an"));

        Assert.Equal("""{"type":8,"data":{"choices":[]}}""", response.ToJsonString());
    }

    [Fact]
    public async Task Ping_still_works_when_the_core_is_broken()
    {
        await using var host = await DiscordTestHost.StartAsync(new BrokenStore());

        var response = await host.InteractAsync(Payloads.Ping);

        Assert.Equal(1, (int)response["type"]!);
    }

    [Fact]
    public async Task Without_a_public_key_the_adapter_registers_and_maps_nothing()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IFactStore>(new FixedFactStore(FactBase.Empty));
        builder.Services.AddDiscordAdapter(builder.Configuration);
        await using var app = builder.Build();

        Assert.Null(app.MapDiscordInteractions());
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var response = await client.PostAsync("/discord/interactions", new StringContent(Payloads.Ping));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(app.Services.GetService<IOptions<DiscordOptions>>()?.Value.PublicKey);
        await app.StopAsync();
    }

    [Fact]
    public async Task A_bad_configuration_stops_start_up_listing_every_problem()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:PublicKey"] = "not-a-key",
            ["Discord:ApplicationId"] = "abc",
            ["Discord:ApiBaseUrl"] = "ftp://discord.example",
        });
        builder.Services.AddSingleton<IFactStore>(new FixedFactStore(FactBase.Empty));
        builder.Services.AddSingleton<QueryEngine>();
        builder.Services.AddDiscordAdapter(builder.Configuration);
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(error.Failures, f => f.StartsWith("Discord:PublicKey", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Discord:ApplicationId", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Discord:ApiBaseUrl", StringComparison.Ordinal));
        Assert.DoesNotContain("not-a-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_validator_accepts_a_complete_configuration()
    {
        var result = new DiscordOptionsValidator().Validate(null, new DiscordOptions
        {
            PublicKey = new string('a', 64),
            ApplicationId = "123456789012345678",
            BotToken = "token",
        });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public async Task The_json_the_endpoint_sends_is_what_the_public_renderer_prints()
    {
        await using var host = await DiscordTestHost.StartAsync(new FixedFactStore(TestFacts.Small()));
        var answer = new QueryEngine(new FixedFactStore(TestFacts.Small())).Answer(new("who", new Dictionary<string, string> { ["name"] = "ana-prueba" }, "en-US"));

        var response = await host.InteractAsync(Payloads.Command("who", """[{"name":"name","type":3,"value":"ana-prueba"}]"""));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(DiscordAnswerRenderer.Render(answer)), response));
    }

    private sealed class BrokenStore : IFactStore
    {
        public FactBase Current => throw new InvalidOperationException("the store is broken");
    }
}
