using System.Net;
using Bot.Core.Facts;
using Bot.Discord.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests;

public sealed class InteractionEndpointFixture : IAsyncLifetime
{
    internal DiscordTestHost Host { get; private set; } = null!; // set in InitializeAsync, before any test runs

    public async Task InitializeAsync() => Host = await DiscordTestHost.StartAsync(new FixedFactStore(TestFacts.Small()));

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class InteractionEndpointTests(InteractionEndpointFixture fixture) : IClassFixture<InteractionEndpointFixture>
{
    private DiscordTestHost Host => fixture.Host;

    [Fact]
    public async Task Ping_is_answered_with_pong()
    {
        var response = await Host.InteractAsync(Payloads.Ping);

        Assert.Equal("""{"type":1}""", response.ToJsonString());
    }

    [Fact]
    public async Task Who_is_answered_inline_with_an_embed_numbered_source_links_and_no_pings()
    {
        var response = await Host.InteractAsync(Payloads.Command("who", """[{"name":"name","type":3,"value":"ana prueba"}]"""));

        Assert.Equal(4, (int)response["type"]!);
        var data = response["data"]!;
        Assert.Null(data["flags"]);
        Assert.Equal("[]", data["allowed_mentions"]!["parse"]!.ToJsonString());
        var embed = data["embeds"]![0]!;
        Assert.Equal("Ana Prueba", (string)embed["title"]!);
        var sources = embed["fields"]!.AsArray().Single(f => (string)f!["name"]! == "Sources")!;
        Assert.Equal("[1] [Outlet One, 3 Nov 2025](https://news.example/one_%28a%29) · [2] [Outlet Two, 4 Nov 2025](https://news.example/two)", (string)sources["value"]!);
        Assert.DoesNotContain("First article", embed.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_sources_answers_privately_with_every_headline_linked()
    {
        var who = await Host.InteractAsync(Payloads.Command("who", """[{"name":"name","type":3,"value":"ana prueba"}]"""));
        var button = who["data"]!["components"]!.AsArray().SelectMany(r => r!["components"]!.AsArray())
            .Single(b => ((string)b!["label"]!).StartsWith("All sources (2)", StringComparison.Ordinal))!;

        var view = await Host.InteractAsync(Payloads.Button((string)button["custom_id"]!));

        Assert.Equal(4, (int)view["type"]!);
        Assert.Equal(64, (int)view["data"]!["flags"]!);
        var text = view["data"]!["embeds"]![0]!.ToJsonString();
        Assert.Contains("[First article (with parentheses)](https://news.example/one_%28a%29)", text, StringComparison.Ordinal);
        Assert.Contains("[Second article](https://news.example/two)", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timeline", "[]")]
    [InlineData("timeline", """[{"name":"from","type":3,"value":"2025-11-03"},{"name":"topic","type":3,"value":"asylum"}]""")]
    [InlineData("quote", """[{"name":"speaker","type":3,"value":"ana-prueba"},{"name":"keyword","type":3,"value":"stand"}]""")]
    [InlineData("sources", "[]")]
    [InlineData("sources", """[{"name":"page","type":4,"value":1}]""")]
    [InlineData("help", "[]")]
    [InlineData("positions", "[]")]
    [InlineData("ask", """[{"name":"question","type":3,"value":"who is ana prueba?"}]""")]
    [InlineData("help", """[{"name":"command","type":3,"value":"timeline"}]""")]
    public async Task Every_command_is_answered_publicly_with_an_embed(string command, string options)
    {
        var response = await Host.InteractAsync(Payloads.Command(command, options));

        Assert.Equal(4, (int)response["type"]!);
        Assert.Null(response["data"]!["flags"]);
        Assert.NotEmpty((string)response["data"]!["embeds"]![0]!["title"]!);
        Assert.Equal("[]", response["data"]!["allowed_mentions"]!["parse"]!.ToJsonString());
    }

    [Fact]
    public async Task Integer_options_reach_the_core_as_numbers()
    {
        var response = await Host.InteractAsync(Payloads.Command("timeline", """[{"name":"page","type":4,"value":2}]"""));

        Assert.EndsWith("Page 2 of 4", (string)response["data"]!["embeds"]![0]!["footer"]!["text"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_command_gets_an_ephemeral_explanation()
    {
        var response = await Host.InteractAsync(Payloads.Command("frobnicate"));

        Assert.Equal(4, (int)response["type"]!);
        Assert.Equal(64, (int)response["data"]!["flags"]!);
        Assert.Contains("/frobnicate", response.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_not_found_is_ephemeral_and_offers_suggestion_buttons()
    {
        var response = await Host.InteractAsync(Payloads.Command("who", """[{"name":"name","type":3,"value":"zzyzx"}]"""));

        var data = response["data"]!;
        Assert.True(data["flags"] is not null, response.ToJsonString());
        Assert.Equal(64, (int)data["flags"]!);
        var buttons = data["components"]!.AsArray().SelectMany(r => r!["components"]!.AsArray()).ToList();
        Assert.Contains(buttons, b => ((string)b!["custom_id"]!).StartsWith("cmd:/who", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Autocomplete_offers_people_by_name_with_their_ids_as_values()
    {
        var response = await Host.InteractAsync(Payloads.Autocomplete("who", "name", "ana"));

        Assert.Equal(8, (int)response["type"]!);
        var choices = response["data"]!["choices"]!.AsArray();
        Assert.InRange(choices.Count, 1, 25);
        Assert.Contains(choices, c => (string)c!["value"]! == "ana-prueba" && ((string)c["name"]!).StartsWith("Ana Prueba", StringComparison.Ordinal));
        Assert.All(choices, c => Assert.InRange(((string)c!["name"]!).Length, 1, 100));
    }

    [Fact]
    public async Task Autocomplete_offers_topics_for_the_topic_option()
    {
        var response = await Host.InteractAsync(Payloads.Autocomplete("timeline", "topic", "asy"));

        Assert.Contains(response["data"]!["choices"]!.AsArray(), c => (string)c!["value"]! == "asylum");
    }

    [Fact]
    public async Task Next_button_updates_the_message_with_the_next_page()
    {
        var first = await Host.InteractAsync(Payloads.Command("timeline"));
        var next = first["data"]!["components"]![0]!["components"]!.AsArray()
            .Single(b => ((string)b!["custom_id"]!).StartsWith("pg:", StringComparison.Ordinal))!;
        Assert.Equal("Next ▶", (string)next["label"]!);

        var second = await Host.InteractAsync(Payloads.Button((string)next["custom_id"]!));

        Assert.Equal(7, (int)second["type"]!);
        Assert.EndsWith("Page 2 of 4", (string)second["data"]!["embeds"]![0]!["footer"]!["text"]!, StringComparison.Ordinal);
        var previous = second["data"]!["components"]![0]!["components"]![0]!;
        Assert.Equal("◀ Previous", (string)previous["label"]!);
        Assert.StartsWith("pg:", (string)previous["custom_id"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggestion_button_runs_its_command()
    {
        var response = await Host.InteractAsync(Payloads.Button("cmd:/who ana-prueba"));

        Assert.Equal(4, (int)response["type"]!);
        Assert.Equal("Ana Prueba", (string)response["data"]!["embeds"]![0]!["title"]!);
    }

    [Fact]
    public async Task A_stale_button_gets_an_ephemeral_notice()
    {
        var response = await Host.InteractAsync(Payloads.Button("pg:garbage"));

        Assert.Equal(4, (int)response["type"]!);
        Assert.Equal(64, (int)response["data"]!["flags"]!);
        Assert.Equal("[]", response["data"]!["allowed_mentions"]!["parse"]!.ToJsonString());
    }

    [Fact]
    public async Task Spanish_locale_gets_spanish_wording()
    {
        var response = await Host.InteractAsync(Payloads.Command("timeline", locale: "es-419"));

        var data = response["data"]!;
        Assert.StartsWith("Hechos hasta: ", (string)data["embeds"]![0]!["footer"]!["text"]!, StringComparison.Ordinal);
        Assert.Contains("Página 1 de 4", (string)data["embeds"]![0]!["footer"]!["text"]!, StringComparison.Ordinal);
        Assert.Contains(data["components"]![0]!["components"]!.AsArray(), b => (string)b!["label"]! == "Siguiente ▶");
    }

    [Fact]
    public async Task Spanish_autocomplete_and_buttons_follow_the_clicking_users_locale()
    {
        var response = await Host.InteractAsync(Payloads.Button("cmd:/who nadie", locale: "es-ES"));

        Assert.Contains("Nadie llamado", (string)response["data"]!["embeds"]![0]!["title"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mentions_and_markdown_in_fact_text_render_harmlessly()
    {
        var response = await Host.InteractAsync(Payloads.Command("who", """[{"name":"name","type":3,"value":"ana-prueba"}]"""));

        var description = (string)response["data"]!["embeds"]![0]!["description"]!;
        Assert.DoesNotContain("@everyone", description, StringComparison.Ordinal);
        Assert.DoesNotContain("@here", description, StringComparison.Ordinal);
        Assert.DoesNotContain("<@", description.Replace("\\<@", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("@\u200Beveryone", description, StringComparison.Ordinal);
        Assert.Contains("\\<@123\\>", description, StringComparison.Ordinal);
        Assert.Contains("\\*\\*bolds\\*\\*", description, StringComparison.Ordinal);
        Assert.Contains("\\[click\\](https://evil.example/x)", description, StringComparison.Ordinal);
        Assert.Equal("[]", response["data"]!["allowed_mentions"]!["parse"]!.ToJsonString());
    }

    [Fact]
    public async Task User_text_echoed_back_is_escaped()
    {
        var response = await Host.InteractAsync(Payloads.Command("who", """[{"name":"name","type":3,"value":"@everyone <@1> **x**"}]"""));

        var json = response.ToJsonString();
        Assert.DoesNotContain("@everyone", json, StringComparison.Ordinal);
        Assert.DoesNotContain("**x**", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_signature_headers_are_refused_with_401_and_no_body()
    {
        using var response = await Host.PostAsync(Payloads.Ping, signature: null, timestamp: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_bad_signature_is_refused_with_401()
    {
        await using var host = await DiscordTestHost.StartAsync(new FixedFactStore(TestFacts.Small())); // its own log: refusals are logged 10 a minute
        using var response = await host.PostSignedAsync(Payloads.Ping, signedBody: Payloads.Ping + " ");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Information && e.Event.Id == 2001 && e.Message.Contains("bad signature", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signature_from_another_key_is_refused_with_401()
    {
        var other = new TestKeys();
        var timestamp = TestKeys.Timestamp(DiscordTestHost.Now);

        using var response = await Host.PostAsync(Payloads.Ping, other.Sign(timestamp, Payloads.Ping), timestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("not-hex")]
    [InlineData("")]
    public async Task A_malformed_signature_header_is_refused_with_401(string signature)
    {
        using var response = await Host.PostAsync(Payloads.Ping, signature, TestKeys.Timestamp(DiscordTestHost.Now));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86400)]
    public async Task A_timestamp_more_than_five_minutes_away_is_refused_with_401(int seconds)
    {
        using var response = await Host.PostSignedAsync(Payloads.Ping, DiscordTestHost.Now.AddSeconds(seconds));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_timestamp_within_five_minutes_is_accepted()
    {
        using var response = await Host.PostSignedAsync(Payloads.Ping, DiscordTestHost.Now.AddSeconds(-290));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("""{"type":"one"}""")]
    [InlineData("{}")]
    public async Task A_malformed_payload_with_a_valid_signature_is_refused_with_400(string body)
    {
        using var response = await Host.PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        var body = "{\"type\":1,\"padding\":\"" + new string('x', 70 * 1024) + "\"}";

        using var response = await Host.PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_unsupported_interaction_type_gets_an_ephemeral_notice()
    {
        var response = await Host.InteractAsync("""{"type":5,"id":"9","locale":"en-US","data":{"custom_id":"modal"}}""");

        Assert.Equal(64, (int)response["data"]!["flags"]!);
    }

    [Fact]
    public async Task Nothing_logged_contains_the_signature_or_the_body()
    {
        var timestamp = TestKeys.Timestamp(DiscordTestHost.Now);
        var body = Payloads.Command("who", """[{"name":"name","type":3,"value":"secret-probe-text"}]""");
        var signature = Host.Keys.Sign(timestamp, body);
        using var ok = await Host.PostAsync(body, signature, timestamp);
        using var bad = await Host.PostAsync(body, signature, TestKeys.Timestamp(DiscordTestHost.Now.AddSeconds(1)));

        Assert.DoesNotContain(Host.Logs.Entries, e => e.Message.Contains(signature, StringComparison.Ordinal) || e.Message.Contains("secret-probe-text", StringComparison.Ordinal));
    }
}
