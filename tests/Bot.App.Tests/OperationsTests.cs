using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bot.App.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bot.App.Tests;

/// <summary>
/// What operators see of the running host: liveness and readiness, the Prometheus scrape, and the per-user and
/// per-channel rate limits, all through HTTP with correctly signed Slack commands.
/// </summary>
/// <remarks>
/// Runs alone: OpenTelemetry's meter provider listens to every meter named <c>Bot</c> in the process, so a host started
/// by a test running beside these would add its counts to the exact figures asserted here.
/// </remarks>
[Collection(Name)]
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OperationsTests : IDisposable
{
    internal const string Name = "Metrics (exact figures)";

    private const string Secret = "operations-test-signing-secret";

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-ops-data-");

    private WebApplicationFactory<Program> Host(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Facts:Path", Repo.Facts);
            builder.UseSetting("Facts:Watch", "false");
            builder.UseSetting("Storage:DataPath", _data.FullName);
            builder.UseSetting("Slack:SigningSecret", Secret);
            builder.UseSetting("Slack:ModeratorUserIds:0", "UMOD");
            builder.UseSetting("Discord:PublicKey", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    [Fact]
    public async Task Liveness_and_readiness_answer_once_the_fact_base_is_loaded()
    {
        await using var host = Host();
        using var client = host.CreateClient();

        using var live = await client.GetAsync(new Uri("/livez", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_metrics_endpoint_counts_answers_by_platform_command_and_outcome_in_the_prometheus_format()
    {
        await using var host = Host();
        using var client = host.CreateClient();

        await CommandAsync(client, "U1", "C1", "/who", "betssy-chavez");
        await CommandAsync(client, "U1", "C1", "/who", "betssy-chavez");
        await CommandAsync(client, "U2", "C1", "/who", "nobody-of-that-name-at-all");
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("# TYPE bot_answers_total counter", text, StringComparison.Ordinal);
        Assert.Contains("bot_answers_total{otel_scope_name=\"Bot\",command=\"who\",outcome=\"found\",platform=\"slack\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("bot_answers_total{otel_scope_name=\"Bot\",command=\"who\",outcome=\"not_found\",platform=\"slack\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("bot_misses_total{otel_scope_name=\"Bot\",command=\"who\",platform=\"slack\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE bot_answer_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("bot_answer_duration_seconds_count{otel_scope_name=\"Bot\",command=\"who\",platform=\"slack\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("bot_answer_duration_seconds_bucket{otel_scope_name=\"Bot\",command=\"who\",platform=\"slack\",le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("bot_answer_duration_seconds_bucket{otel_scope_name=\"Bot\",command=\"who\",platform=\"slack\",le=\"0.0005\"}", text, StringComparison.Ordinal); // buckets in seconds
        Assert.DoesNotContain("nobody-of-that-name", text, StringComparison.Ordinal); // tags carry no user input
    }

    [Fact]
    public async Task Refused_requests_are_counted_by_platform_and_reason()
    {
        await using var host = Host();
        using var client = host.CreateClient();

        using var forged = await PostSlackAsync(client, "command=%2Fwho&text=x", DateTimeOffset.UtcNow, "v0=" + new string('0', 64));
        using var stale = await PostSlackAsync(client, "command=%2Fwho&text=x", DateTimeOffset.UtcNow.AddMinutes(-10));
        using var discord = new HttpRequestMessage(HttpMethod.Post, new Uri("/discord/interactions", UriKind.Relative))
        {
            Content = new StringContent("{\"type\":1}", Encoding.UTF8, "application/json"),
        };
        using var unsigned = await client.SendAsync(discord);
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Contains("bot_requests_rejected_total{otel_scope_name=\"Bot\",platform=\"slack\",reason=\"signature\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("bot_requests_rejected_total{otel_scope_name=\"Bot\",platform=\"slack\",reason=\"stale\"} 1\n", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Contains("bot_requests_rejected_total{otel_scope_name=\"Bot\",platform=\"discord\",reason=\"signature\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fact_base_reloads_are_counted()
    {
        await using var host = Host();
        using var client = host.CreateClient();

        var reload = await CommandAsync(client, "UMOD", "C1", "/facts", "reload");
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("Reloaded", reload.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("bot_facts_reloads_total{otel_scope_name=\"Bot\",result=\"loaded\"} 2\n", text, StringComparison.Ordinal); // start-up + /facts reload
    }

    [Fact]
    public async Task With_an_otlp_endpoint_set_the_metrics_are_also_pushed_to_that_collector()
    {
        var pushed = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var collectorBuilder = WebApplication.CreateSlimBuilder();
        collectorBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = collectorBuilder.Build();
        collector.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (Encoding.UTF8.GetString(body.ToArray()).Contains("bot.facts.reloads", StringComparison.Ordinal))
            {
                pushed.TrySetResult(request.ContentType); // the start-up load, by its instrument name
            }

            return Results.Ok();
        });
        await collector.StartAsync();

        await using var host = Host(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Urls.Single()),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_METRIC_EXPORT_INTERVAL", "200"));
        using var client = host.CreateClient();
        var contentType = await pushed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("application/x-protobuf", contentType);
    }

    [Fact]
    public async Task The_metrics_endpoint_can_be_switched_off()
    {
        await using var host = Host(("Metrics:Enabled", "false"));
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_user_over_the_limit_is_asked_privately_to_slow_down_while_others_in_the_channel_are_answered()
    {
        await using var host = Host(("RateLimits:PerUser:Permits", "2"), ("RateLimits:PerUser:Window", "01:00:00"));
        using var client = host.CreateClient();

        var first = await CommandAsync(client, "U1", "C1", "/who", "betssy-chavez");
        var second = await CommandAsync(client, "U1", "C1", "/who", "betssy-chavez");
        var third = await CommandAsync(client, "U1", "C1", "/who", "betssy-chavez");
        var other = await CommandAsync(client, "U2", "C1", "/who", "betssy-chavez");
        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("Betssy", first.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Betssy", second.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("ephemeral", third.GetProperty("response_type").GetString());
        Assert.Contains("Slow down", third.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("You have sent several commands in a short time. Try again in", third.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Betssy", third.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Betssy", other.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("bot_answers_total{otel_scope_name=\"Bot\",command=\"who\",outcome=\"rate_limited\",platform=\"slack\"} 1\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_busy_channel_over_its_limit_is_told_so_and_another_channel_is_not_affected()
    {
        await using var host = Host(("RateLimits:PerChannel:Permits", "3"), ("RateLimits:PerChannel:Window", "01:00:00"));
        using var client = host.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("Betssy", (await CommandAsync(client, $"U{i}", "C1", "/who", "betssy-chavez")).GetRawText(), StringComparison.Ordinal);
        }

        var refused = await CommandAsync(client, "U9", "C1", "/who", "betssy-chavez");
        var elsewhere = await CommandAsync(client, "U9", "C2", "/who", "betssy-chavez");

        Assert.Contains("This channel has sent many commands in a short time.", refused.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("ephemeral", refused.GetProperty("response_type").GetString());
        Assert.Contains("Betssy", elsewhere.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moderators_are_not_rate_limited_when_they_manage_the_fact_base()
    {
        await using var host = Host(("RateLimits:PerUser:Permits", "1"), ("RateLimits:PerUser:Window", "01:00:00"));
        using var client = host.CreateClient();

        var answers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await CommandAsync(client, "UMOD", "C1", "/facts", "status")).GetRawText());
        }

        Assert.All(answers, a => Assert.DoesNotContain("Slow down", a, StringComparison.Ordinal));
    }

    [Fact]
    public void Limits_that_could_never_admit_a_command_stop_start_up_with_the_key_named()
    {
        using var host = Host(("RateLimits:PerUser:Permits", "0"));

        var failure = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("RateLimits:PerUser:Permits must be 1–10000", failure.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _data.Delete(recursive: true);

    private static Task<JsonElement> CommandAsync(HttpClient client, string userId, string channelId, string command, string text) =>
        SignedSlack.CommandAsync(client, Secret, userId, command, text, channelId);

    private static Task<HttpResponseMessage> PostSlackAsync(HttpClient client, string body, DateTimeOffset at, string? signature = null) =>
        SignedSlack.PostAsync(client, Secret, body, at, signature);
}
