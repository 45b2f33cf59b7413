using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Bot.Core.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests;

public sealed class RegistrationTests
{
    private const string ApplicationId = "123456789012345678";
    private const string GuildId = "290926798626357999";

    [Fact]
    public void Commands_json_is_generated_from_the_catalog()
    {
        var commands = JsonNode.Parse(new StringWriter().Also(DiscordCli.PrintCommands).ToString())!.AsArray();

        Assert.Equal(CommandCatalog.All.Select(c => c.Name), commands.Select(c => (string)c!["name"]!));
        foreach (var command in commands)
        {
            Assert.Equal(1, (int)command!["type"]!);
            Assert.InRange(((string)command["description"]!).Length, 1, 100);
            Assert.NotNull(command["description_localizations"]!["es-ES"]);
            Assert.Equal((string)command["description_localizations"]!["es-ES"]!, (string)command["description_localizations"]!["es-419"]!);
            var options = command["options"]!.AsArray();
            var required = options.Select(o => (bool)o!["required"]!).ToList();
            Assert.Equal(required.OrderByDescending(r => r), required);
            foreach (var option in options)
            {
                Assert.Matches("^[-_'\\p{L}\\p{N}]{1,32}$", (string)option!["name"]!);
                Assert.InRange(((string)option["description"]!).Length, 1, 100);
                Assert.InRange(((string)option["description_localizations"]!["es-419"]!).Length, 1, 100);
            }
        }

        var who = commands.Single(c => (string)c!["name"]! == "who")!;
        Assert.Equal("quien", (string)who["name_localizations"]!["es-ES"]!);
        Assert.Equal("Quién es alguien en la disputa México–Perú, con sus cargos y fuentes", (string)who["description_localizations"]!["es-419"]!);
        var name = who["options"]![0]!;
        Assert.Equal(3, (int)name["type"]!);
        Assert.True((bool)name["autocomplete"]!);
        Assert.True((bool)name["required"]!);

        var timeline = commands.Single(c => (string)c!["name"]! == "timeline")!["options"]!.AsArray();
        var page = timeline.Single(o => (string)o!["name"]! == "page")!;
        Assert.Equal(4, (int)page["type"]!);
        Assert.Equal(1, (int)page["min_value"]!);
        Assert.Equal(999, (int)page["max_value"]!);
        Assert.Equal(10, (int)timeline.Single(o => (string)o!["name"]! == "from")!["max_length"]!);
        Assert.True((bool)timeline.Single(o => (string)o!["name"]! == "topic")!["autocomplete"]!);
        var keyword = commands.Single(c => (string)c!["name"]! == "quote")!["options"]!.AsArray().Single(o => (string)o!["name"]! == "keyword")!;
        Assert.Equal(80, (int)keyword["max_length"]!);
    }

    [Fact]
    public async Task Register_puts_the_commands_with_token_and_user_agent_and_waits_out_a_429()
    {
        await using var fake = await FakeDiscord.StartAsync(async (http, attempt) =>
        {
            if (attempt == 1)
            {
                http.Response.StatusCode = 429;
                http.Response.Headers["Retry-After"] = "1";
                await http.Response.WriteAsJsonAsync(new { message = "You are being rate limited.", retry_after = 0.05, global = false });
                return;
            }

            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(body); // Discord answers with the commands it now has
        });
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await DiscordCli.RegisterAsync(fake.Options(), GuildId, output, error);

        Assert.True(code == 0, error.ToString());
        Assert.Equal(2, fake.Requests.Count);
        var request = fake.Requests.Last();
        Assert.Equal("PUT", request.Method);
        Assert.Equal($"/api/v10/applications/{ApplicationId}/guilds/{GuildId}/commands", request.Path);
        Assert.Equal("Bot test-token", request.Authorization);
        Assert.Matches(@"^DiscordBot \(https://\S+, [0-9][^)]*\)$", request.UserAgent);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal(CommandCatalog.All.Count, JsonNode.Parse(request.Body)!.AsArray().Count);
        Assert.Contains($"Registered {CommandCatalog.All.Count} command(s) in guild " + GuildId, output.ToString(), StringComparison.Ordinal);
        Assert.Contains("/who", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Global_registration_uses_the_application_route()
    {
        await using var fake = await FakeDiscord.StartAsync((http, _) => http.Response.WriteAsync("[]"));

        var code = await DiscordCli.RegisterAsync(fake.Options(), guildId: null, new StringWriter(), new StringWriter());

        Assert.Equal(0, code);
        Assert.Equal($"/api/v10/applications/{ApplicationId}/commands", fake.Requests.Single().Path);
    }

    [Fact]
    public async Task Validation_errors_from_discord_are_reported_readably()
    {
        var timeline = CommandCatalog.All.ToList().FindIndex(c => c.Name == "timeline");
        var to = CommandCatalog.All[timeline].Options.ToList().FindIndex(o => o.Name == "to");
        await using var fake = await FakeDiscord.StartAsync(async (http, _) =>
        {
            http.Response.StatusCode = 400;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync("""
                {"code":50035,"errors":{"TIMELINE":{"options":{"TO":{"description":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 100 or fewer in length."}]}}}}},"message":"Invalid Form Body"}
                """.Replace("TIMELINE", $"{timeline}", StringComparison.Ordinal).Replace("TO", $"{to}", StringComparison.Ordinal));
        });
        var error = new StringWriter();

        var code = await DiscordCli.RegisterAsync(fake.Options(), null, new StringWriter(), error);

        Assert.Equal(1, code);
        Assert.Contains("400", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Invalid Form Body (code 50035)", error.ToString(), StringComparison.Ordinal);
        Assert.True(error.ToString().Contains("/timeline option 'to' description: Must be 100 or fewer in length. (BASE_TYPE_MAX_LENGTH)", StringComparison.Ordinal), error.ToString());
    }

    [Fact]
    public async Task A_rejected_token_is_explained()
    {
        await using var fake = await FakeDiscord.StartAsync(async (http, _) =>
        {
            http.Response.StatusCode = 401;
            await http.Response.WriteAsync("""{"message":"401: Unauthorized","code":0}""");
        });
        var error = new StringWriter();

        Assert.Equal(1, await DiscordCli.RegisterAsync(fake.Options(), null, new StringWriter(), error));
        Assert.Contains("Discord:BotToken", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("test-token", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_settings_are_a_usage_error_listing_each_problem()
    {
        var error = new StringWriter();

        var code = await DiscordCli.RegisterAsync(new DiscordOptions(), "not-a-guild", new StringWriter(), error);

        Assert.Equal(2, code);
        Assert.Contains("Discord:ApplicationId", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Discord:BotToken", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--guild", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_rate_limit_is_reported_instead_of_waited()
    {
        await using var fake = await FakeDiscord.StartAsync(async (http, _) =>
        {
            http.Response.StatusCode = 429;
            http.Response.Headers["X-RateLimit-Reset-After"] = "3600";
            await http.Response.WriteAsync("{}");
        });
        var error = new StringWriter();

        Assert.Equal(1, await DiscordCli.RegisterAsync(fake.Options(), null, new StringWriter(), error));
        Assert.Contains("rate limiting", error.ToString(), StringComparison.Ordinal);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task A_server_error_is_retried_with_backoff_and_the_registration_goes_through()
    {
        await using var fake = await FakeDiscord.StartAsync(async (http, attempt) =>
        {
            if (attempt == 1)
            {
                http.Response.StatusCode = 502;
                return;
            }

            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(await new StreamReader(http.Request.Body).ReadToEndAsync());
        });
        var error = new StringWriter();

        var code = await DiscordCli.RegisterAsync(fake.Options(), null, new StringWriter(), error);

        Assert.True(code == 0, error.ToString());
        Assert.Equal(2, fake.Requests.Count);
        Assert.Equal(fake.Requests.First().Body, fake.Requests.Last().Body); // the same commands sent again
    }

    [Fact]
    public async Task A_server_that_keeps_failing_is_given_up_on_after_a_bounded_number_of_attempts()
    {
        await using var fake = await FakeDiscord.StartAsync((http, _) =>
        {
            http.Response.StatusCode = 503;
            http.Response.Headers["Retry-After"] = "0";
            return Task.CompletedTask;
        });
        var error = new StringWriter();

        Assert.Equal(1, await DiscordCli.RegisterAsync(fake.Options(), null, new StringWriter(), error));
        Assert.Equal(DiscordRest.Policy.MaxAttempts, fake.Requests.Count);
        Assert.Contains("Discord answered 503 ServiceUnavailable (tried up to 3 times); try again later.", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A local stand-in for Discord's REST API that records each request.</summary>
    private sealed class FakeDiscord : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FakeDiscord(WebApplication app) => _app = app;

        public ConcurrentQueue<Recorded> Requests { get; } = new();

        public static async Task<FakeDiscord> StartAsync(Func<HttpContext, int, Task> respond)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var fake = new FakeDiscord(app);
            app.Run(async http =>
            {
                http.Request.EnableBuffering();
                var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
                http.Request.Body.Position = 0;
                fake.Requests.Enqueue(new Recorded(http.Request.Method, http.Request.Path.Value ?? "", http.Request.Headers.Authorization.ToString(),
                    http.Request.Headers.UserAgent.ToString(), http.Request.ContentType ?? "", body));
                await respond(http, fake.Requests.Count);
            });
            await app.StartAsync();
            return fake;
        }

        public DiscordOptions Options() => new()
        {
            ApplicationId = ApplicationId,
            BotToken = "test-token",
            ApiBaseUrl = _app.Urls.First() + "/api/v10",
        };

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed record Recorded(string Method, string Path, string Authorization, string UserAgent, string ContentType, string Body);
}

internal static class WriterExtensions
{
    public static StringWriter Also(this StringWriter writer, Action<TextWriter> action)
    {
        action(writer);
        return writer;
    }
}
