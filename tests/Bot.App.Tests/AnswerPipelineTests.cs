using System.Text.Json;
using System.Threading.Channels;
using Bot.App.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bot.App.Tests;

/// <summary>
/// Paging buttons go through the same pipeline as commands in the real host: limited by their own
/// <c>RateLimits:Paging</c> bucket (not the command limit) and counted in <c>bot_answers_total</c>, through signed
/// Slack requests and a local stand-in for the response_url.
/// </summary>
[Collection(OperationsTests.Name)] // exact metric figures: no other host may count meanwhile (OpenTelemetry listens process-wide)
public sealed class AnswerPipelineTests : IDisposable
{
    private const string Secret = "pipeline-test-signing-secret";

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-pipeline-data-");

    [Fact]
    public async Task Page_presses_have_their_own_limit_apart_from_commands_and_are_counted()
    {
        await using var hook = await ResponseUrl.StartAsync();
        await using var host = Host(
            ("RateLimits:PerUser:Permits", "2"), ("RateLimits:PerUser:Window", "01:00:00"),
            ("RateLimits:Paging:Permits", "2"), ("RateLimits:Paging:Window", "01:00:00"));
        using var client = host.CreateClient();

        var list = await SignedSlack.CommandAsync(client, Secret, "U1", "/timeline", "");
        var next = list.GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Single(e => e.GetProperty("action_id").GetString() == "page:next:en")
            .GetProperty("value").GetString()!;
        var pages = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            await SignedSlack.PressAsync(client, Secret, "U1", next, hook.Url);
            pages.Add(await hook.NextAsync());
        }

        var command = await SignedSlack.CommandAsync(client, Secret, "U1", "/timeline", "");
        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.All(pages.Take(2), p => Assert.Contains("Page 2 of", p.GetRawText(), StringComparison.Ordinal));
        Assert.All(pages.Take(2), p => Assert.True(p.GetProperty("replace_original").GetBoolean()));
        Assert.Contains("You have turned many pages in a short time.", pages[2].GetRawText(), StringComparison.Ordinal);
        Assert.Equal("ephemeral", pages[2].GetProperty("response_type").GetString());
        Assert.False(pages[2].GetProperty("replace_original").GetBoolean()); // the page everyone sees stays
        Assert.Contains("Page 1 of", command.GetRawText(), StringComparison.Ordinal); // paging used no command permits
        Assert.Contains("bot_answers_total{otel_scope_name=\"Bot\",command=\"timeline\",outcome=\"found\",platform=\"slack\"} 4\n", metrics, StringComparison.Ordinal);
        Assert.Contains("bot_answers_total{otel_scope_name=\"Bot\",command=\"timeline\",outcome=\"rate_limited\",platform=\"slack\"} 1\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public void A_paging_limit_that_could_never_admit_a_press_stops_start_up_with_the_key_named()
    {
        using var host = Host(("RateLimits:Paging:Window", "00:00:00"));

        var failure = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("RateLimits:Paging:Window must be between", failure.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _data.Delete(recursive: true);

    private WebApplicationFactory<Program> Host(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Facts:Path", Repo.Facts);
            builder.UseSetting("Facts:Watch", "false");
            builder.UseSetting("Storage:DataPath", _data.FullName);
            builder.UseSetting("Slack:SigningSecret", Secret);
            builder.UseSetting("Slack:AllowedResponseHosts:0", "127.0.0.1"); // the response_url stand-in
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    /// <summary>A local stand-in for Slack's response_url on 127.0.0.1: records every POST body.</summary>
    private sealed class ResponseUrl : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Channel<string> _posts;

        private ResponseUrl(WebApplication app, Channel<string> posts)
        {
            _app = app;
            _posts = posts;
            Url = new Uri(new Uri(app.Urls.First()), "/hooks/T1/1/x");
        }

        public Uri Url { get; }

        public static async Task<ResponseUrl> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var posts = Channel.CreateUnbounded<string>();
            app.MapPost("/hooks/{**rest}", async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                await posts.Writer.WriteAsync(await reader.ReadToEndAsync());
                return Results.Ok();
            });
            await app.StartAsync();
            return new ResponseUrl(app, posts);
        }

        public async Task<JsonElement> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var json = JsonDocument.Parse(await _posts.Reader.ReadAsync(timeout.Token));
            return json.RootElement.Clone();
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
