using Bot.Core.Facts;
using Bot.Core.Querying;
using Bot.Discord.Gateway;
using Bot.Discord.Interactions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Tests.Gateway;

public sealed class GatewayConfigurationTests
{
    [Theory]
    [InlineData(null, "key", "token", "Http")]
    [InlineData(null, null, "token", "Gateway")]
    [InlineData(null, null, null, "Off")]
    [InlineData("gateway", "key", "token", "Gateway")]
    [InlineData("HTTP", null, "token", "Http")]
    [InlineData("socket", null, "token", "Unknown")]
    public void The_mode_follows_the_setting_or_the_keys_that_are_set(string? mode, string? publicKey, string? botToken, string expected) =>
        Assert.Equal(expected, DiscordOptions.ResolveMode(mode, publicKey, botToken).ToString());

    [Fact]
    public void Gateway_mode_needs_only_the_bot_token()
    {
        var result = new DiscordOptionsValidator().Validate(null, new DiscordOptions { Mode = "gateway", BotToken = "token" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Gateway_mode_without_a_token_and_a_bad_mode_list_every_problem()
    {
        var missing = new DiscordOptionsValidator().Validate(null, new DiscordOptions { Mode = "gateway", ApiBaseUrl = "ftp://x" });
        var unknown = new DiscordOptionsValidator().Validate(null, new DiscordOptions { Mode = "websocket", BotToken = "token" });

        Assert.Contains(missing.Failures!, f => f.StartsWith("Discord:BotToken is required in gateway mode", StringComparison.Ordinal));
        Assert.Contains(missing.Failures!, f => f.StartsWith("Discord:ApiBaseUrl", StringComparison.Ordinal));
        Assert.Contains(unknown.Failures!, f => f.StartsWith("Discord:Mode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_only_a_bot_token_the_gateway_is_registered_and_no_http_endpoint_is_mapped()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:BotToken"] = "token" });
        builder.Services.AddSingleton<IFactStore>(new FixedFactStore(FactBase.Empty));
        builder.Services.AddDiscordAdapter(builder.Configuration);
        await using var app = builder.Build();

        Assert.Null(app.MapDiscordInteractions());
        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is DiscordGatewayService);
        Assert.NotNull(app.Services.GetService<DiscordInteractionResponder>());
        Assert.Null(app.Services.GetService<DiscordInteractionHandler>());
        Assert.Equal("token", app.Services.GetRequiredService<IOptions<DiscordOptions>>().Value.BotToken);
        Assert.NotNull(app.Services.GetService<QueryEngine>());
    }

    [Theory]
    [InlineData(null, CloseAction.Resume)]
    [InlineData(1001, CloseAction.Resume)]
    [InlineData(4000, CloseAction.Resume)]
    [InlineData(4001, CloseAction.Reidentify)]
    [InlineData(4002, CloseAction.Resume)]
    [InlineData(4003, CloseAction.Reidentify)]
    [InlineData(4004, CloseAction.Fatal)]
    [InlineData(4005, CloseAction.Reidentify)]
    [InlineData(4007, CloseAction.Reidentify)]
    [InlineData(4008, CloseAction.Resume)]
    [InlineData(4009, CloseAction.Reidentify)]
    [InlineData(4010, CloseAction.Fatal)]
    [InlineData(4011, CloseAction.Fatal)]
    [InlineData(4012, CloseAction.Fatal)]
    [InlineData(4013, CloseAction.Fatal)]
    [InlineData(4014, CloseAction.Fatal)]
    internal void Close_codes_follow_the_documented_table(int? code, CloseAction expected) =>
        Assert.Equal(expected, GatewayCloseCodes.Classify(code));

    [Fact]
    public void Get_gateway_bot_is_parsed_and_refuses_plain_ws_off_loopback()
    {
        var info = GatewayBotInfo.Parse("""{"url":"wss://gateway.discord.gg","shards":9,"session_start_limit":{"total":1000,"remaining":999,"reset_after":14400000,"max_concurrency":1}}""");

        Assert.NotNull(info);
        Assert.Equal(9, info.Shards);
        Assert.Equal(new SessionStartLimit(1000, 999, TimeSpan.FromMilliseconds(14400000), 1), info.Limit);
        Assert.Equal("wss://gateway.discord.gg/?v=10&encoding=json", GatewayPayloads.WithQuery(info.Url).AbsoluteUri);
        Assert.Null(GatewayBotInfo.Parse("""{"url":"ws://gateway.example","shards":1}"""));
    }

    [Fact]
    public async Task Identify_gate_waits_for_session_starts_to_reset_when_none_remain()
    {
        var gate = new IdentifyGate(new SessionStartLimit(1000, 0, TimeSpan.FromMilliseconds(200), 1), TimeSpan.Zero, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await gate.WaitAsync(0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(150), $"waited only {clock.Elapsed.TotalMilliseconds} ms");
    }
}
