using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Operations;
using Bot.Discord.Tests.Gateway;
using Bot.Discord.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Discord.Tests;

/// <summary>
/// Buttons take the same way through the core as slash commands: validated, rate limited and counted in
/// <c>bot.answers</c> with the platform set, through real signed HTTP.
/// </summary>
public sealed class AnswerPipelineTests
{
    [Fact]
    public async Task A_suggested_command_button_is_rate_limited_like_a_command_and_counted_for_discord()
    {
        var limiter = new OnePerKind();
        await using var host = await DiscordTestHost.StartAsync(new FixedFactStore(TestFacts.Small()), configure: s => s.AddSingleton<IRequestLimiter>(limiter));
        using var answers = new AnswerCounter(host.Services);

        var first = await host.InteractAsync(ButtonPress("cmd:/who ana-prueba"));
        var second = await host.InteractAsync(ButtonPress("cmd:/who ana-prueba"));

        Assert.Equal("Ana Prueba", (string)first["data"]!["embeds"]![0]!["title"]!);
        Assert.Equal("Slow down a little", (string)second["data"]!["embeds"]![0]!["title"]!);
        Assert.Equal(64, (int)second["data"]!["flags"]!); // only the presser sees it
        Assert.All(limiter.Asked, r => Assert.Equal((RequestTrigger.Button, "discord", "53908232506183680", "645027906669510667"), (r.Trigger, r.Platform, r.UserId, r.ChannelId)));
        Assert.Equal(["discord who found", "discord who rate_limited"], answers.Seen.Order());
    }

    [Fact]
    public async Task A_page_button_has_its_own_limit_and_a_refusal_comes_privately_without_replacing_the_page()
    {
        var limiter = new OnePerKind();
        await using var host = await DiscordTestHost.StartAsync(new FixedFactStore(TestFacts.Small()), configure: s => s.AddSingleton<IRequestLimiter>(limiter));
        using var answers = new AnswerCounter(host.Services);
        var list = await host.InteractAsync(Payloads.Command("timeline"));
        var next = (string)list["data"]!["components"]![0]!["components"]!.AsArray()
            .Single(b => ((string)b!["custom_id"]!).StartsWith("pg:", StringComparison.Ordinal))!["custom_id"]!;

        var page = await host.InteractAsync(ButtonPress(next));
        var refused = await host.InteractAsync(ButtonPress(next));

        Assert.Equal(7, (int)page["type"]!); // the message now shows page 2 (three events a page)
        Assert.EndsWith("Page 2 of 4", (string)page["data"]!["embeds"]![0]!["footer"]!["text"]!, StringComparison.Ordinal);
        Assert.Equal(4, (int)refused["type"]!); // a new, private message: the page everyone sees stays
        Assert.Equal(64, (int)refused["data"]!["flags"]!);
        Assert.Contains("turned many pages", (string)refused["data"]!["embeds"]![0]!["description"]!, StringComparison.Ordinal);
        Assert.Equal([RequestTrigger.Command, RequestTrigger.Page, RequestTrigger.Page], limiter.Asked.Select(r => r.Trigger));
        Assert.Equal(["discord timeline found", "discord timeline found", "discord timeline rate_limited"], answers.Seen.Order());
    }

    [Fact]
    public async Task The_More_button_of_an_ask_answer_shows_the_next_facts_in_place_under_the_paging_limit()
    {
        var limiter = new OnePerKind();
        await using var host = await DiscordTestHost.StartAsync(new FixedFactStore(TestFacts.Real), configure: s => s.AddSingleton<IRequestLimiter>(limiter));
        var answer = await host.InteractAsync(Payloads.Command("ask", """[{"type":3,"name":"question","value":"why did Peru break relations with Mexico?"}]"""));
        var more = answer["data"]!["components"]![0]!["components"]!.AsArray().Single(b => (string?)b!["label"] == "More ▶")!;
        var firstFacts = Facts(answer);

        var page = await host.InteractAsync(ButtonPress((string)more["custom_id"]!));
        var refused = await host.InteractAsync(ButtonPress((string)more["custom_id"]!));

        Assert.StartsWith("pg:", (string)more["custom_id"]!, StringComparison.Ordinal);
        Assert.Equal(3, firstFacts.Count);
        Assert.Equal(7, (int)page["type"]!); // the message now shows the next facts
        Assert.Matches("Page 2 of [2-4]$", (string)page["data"]!["embeds"]![0]!["footer"]!["text"]!);
        Assert.Empty(firstFacts.Intersect(Facts(page)));
        Assert.Equal(64, (int)refused["data"]!["flags"]!);
        Assert.Contains("turned many pages", (string)refused["data"]!["embeds"]![0]!["description"]!, StringComparison.Ordinal);
        Assert.Equal([RequestTrigger.Command, RequestTrigger.Page, RequestTrigger.Page], limiter.Asked.Select(r => r.Trigger));
    }

    [Fact]
    public async Task Over_the_gateway_a_command_button_is_rate_limited_and_counted_the_same_way()
    {
        var limiter = new OnePerKind();
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await GatewayBotHost.StartAsync(fake, services: s => s.AddSingleton<IRequestLimiter>(limiter));
        using var answers = new AnswerCounter(bot.Services);
        var connection = await fake.NextReadySessionAsync();

        await connection.DispatchAsync("INTERACTION_CREATE", 2, ButtonPress("cmd:/who ana-prueba"));
        await GatewayBotHost.EventuallyAsync(() => !fake.Callbacks.IsEmpty, "the first press answered");
        await connection.DispatchAsync("INTERACTION_CREATE", 3, ButtonPress("cmd:/who ana-prueba"));
        await GatewayBotHost.EventuallyAsync(() => fake.Callbacks.Count >= 2, "the second press answered");

        var bodies = fake.Callbacks.Select(c => c.Body).ToArray();
        Assert.Contains("\"title\":\"Ana Prueba\"", bodies[0], StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Slow down a little\"", bodies[1], StringComparison.Ordinal);
        Assert.All(limiter.Asked, r => Assert.Equal((RequestTrigger.Button, "discord"), (r.Trigger, r.Platform)));
        Assert.Equal(["discord who found", "discord who rate_limited"], answers.Seen.Order());
    }

    /// <summary>The fact lines of an answer's embed (its fields' "• " lines).</summary>
    private static List<string> Facts(System.Text.Json.Nodes.JsonNode response) =>
        [.. response["data"]!["embeds"]![0]!["fields"]!.AsArray()
            .SelectMany(f => ((string)f!["value"]!).Split('\n'))
            .Where(l => l.StartsWith("• ", StringComparison.Ordinal))];

    /// <summary>A button press from a member in a guild channel, shaped like Discord's documented example.</summary>
    private static string ButtonPress(string customId) => $$$"""
        {"type":3,"id":"{{{Payloads.NewId()}}}","application_id":"123456789012345678","token":"t0k3n","version":1,"locale":"en-US",
         "guild_id":"290926798626357999","channel_id":"645027906669510667",
         "member":{"user":{"id":"53908232506183680","username":"tester"},"permissions":"0"},
         "message":{"id":"4444444444444444444"},
         "data":{"custom_id":"{{{customId}}}","component_type":2}}
        """;

    /// <summary>Admits one request per asker and kind (commands and command buttons share one; pages have their own), then refuses.</summary>
    private sealed class OnePerKind : IRequestLimiter
    {
        private readonly ConcurrentDictionary<string, int> _used = new(StringComparer.Ordinal);

        public ConcurrentQueue<BotRequest> Asked { get; } = new();

        public ValueTask<RateLimitRefusal?> TryAcquireAsync(BotRequest request, CancellationToken cancellationToken)
        {
            Asked.Enqueue(request);
            var paging = request.Trigger == RequestTrigger.Page;
            var key = $"{request.Platform}:{request.UserId}:{(paging ? "page" : "command")}";
            return ValueTask.FromResult(_used.AddOrUpdate(key, 1, (_, n) => n + 1) > 1
                ? new RateLimitRefusal(paging ? RateLimitScope.Paging : RateLimitScope.User, TimeSpan.FromSeconds(30))
                : null);
        }
    }

    /// <summary>Listens to this host's <c>bot.answers</c> counter: "platform command outcome" per answer.</summary>
    private sealed class AnswerCounter : IDisposable
    {
        private readonly MeterListener _listener = new();

        public AnswerCounter(IServiceProvider services)
        {
            var scope = services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == scope && instrument.Name == BotMetrics.AnswersName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                var named = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var tag in tags)
                {
                    named[tag.Key] = tag.Value?.ToString() ?? "";
                }

                for (var i = 0; i < value; i++)
                {
                    Seen.Enqueue($"{named.GetValueOrDefault("platform")} {named.GetValueOrDefault("command")} {named.GetValueOrDefault("outcome")}");
                }
            });
            _listener.Start();
        }

        public ConcurrentQueue<string> Seen { get; } = new();

        public void Dispose() => _listener.Dispose();
    }
}
