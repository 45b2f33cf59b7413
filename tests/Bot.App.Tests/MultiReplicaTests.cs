using System.Text.Json;
using Bot.App.Operations;
using Bot.App.Tests.Support;
using Bot.Storage;
using Bot.Storage.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Bot.App.Tests;

/// <summary>
/// Two replicas of the bot (two in-process hosts, each its own service provider, limiter and connection pool) sharing
/// one PostgreSQL database, as in docs/scaling.md: one rate limit per user across both, and reports filed on one seen
/// on the other. Skipped with a notice when no PostgreSQL server answers (<c>BOT_TEST_POSTGRES</c>).
/// </summary>
[Collection(PostgresTestGroup.Name)]
public sealed class MultiReplicaTests(PostgresDatabase database) : IAsyncLifetime
{
    private const string Secret = "test-signing-secret-made-in-the-test";
    private const string SlowDown = "Slow down a little";

    private readonly List<WebApplicationFactory<Program>> _hosts = [];
    private string? _connectionString;

    public async Task InitializeAsync()
    {
        if (PostgresServer.SkipReason is null)
        {
            _connectionString = await database.NewSchemaAsync();
        }
    }

    [PostgresFact]
    public async Task The_per_user_limit_holds_across_two_replicas()
    {
        using var first = Replica().CreateClient();
        using var second = Replica().CreateClient();

        var answers = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var reply = await SignedSlack.CommandAsync(i % 2 == 0 ? first : second, Secret, "U1", "/timeline", "", channelId: $"C{i}");
            answers.Add(reply.GetRawText());
        }

        Assert.Equal(4, answers.Count(a => !a.Contains(SlowDown, StringComparison.Ordinal)));
        Assert.Contains("Try again in", answers[^1], StringComparison.Ordinal);
        // another user still gets answers on either replica
        Assert.DoesNotContain(SlowDown, (await SignedSlack.CommandAsync(second, Secret, "U2", "/timeline", "")).GetRawText(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_report_filed_on_one_replica_is_listed_on_the_other()
    {
        using var first = Replica().CreateClient();
        using var second = Replica().CreateClient();

        var receipt = (await SignedSlack.CommandAsync(first, Secret, "U1", "/report", "the OAS session date is wrong")).GetRawText();
        var reports = (await SignedSlack.CommandAsync(second, Secret, "UMOD", "/facts", "reports")).GetRawText();

        Assert.Contains("Report #", receipt, StringComparison.Ordinal);
        Assert.Contains("the OAS session date is wrong", reports, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task While_the_shared_count_fails_each_replica_limits_alone_and_healthz_says_so()
    {
        var host = Replica();
        using var client = host.CreateClient();
        await SignedSlack.CommandAsync(client, Secret, "U1", "/timeline", ""); // the shared count works
        Assert.Equal("Healthy", (await RateLimitCheckAsync(client)).GetProperty("status").GetString());

        await ExecuteAsync("DROP TABLE rate_limit_cells"); // every shared count now fails

        var answers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await SignedSlack.CommandAsync(client, Secret, "U9", "/timeline", "")).GetRawText());
        }

        Assert.Equal(4, answers.Count(a => !a.Contains(SlowDown, StringComparison.Ordinal))); // the local limiter, not "refuse all"
        var check = await RateLimitCheckAsync(client);
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Contains("this replica counts its own limits", check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_gateway_identify_bucket_held_by_one_replica_waits_for_it_in_the_other()
    {
        var connectionString = _connectionString ?? throw new InvalidOperationException(PostgresServer.SkipReason);
        await using var firstStore = new PostgresFeedbackStore(connectionString, TimeProvider.System, NullLogger.Instance);
        await using var secondStore = new PostgresFeedbackStore(connectionString, TimeProvider.System, NullLogger.Instance);
        var first = new PostgresIdentifyLock(firstStore, NullLogger<PostgresIdentifyLock>.Instance);
        var second = new PostgresIdentifyLock(secondStore, NullLogger<PostgresIdentifyLock>.Instance);

        var held = await first.AcquireAsync(0, CancellationToken.None);
        var waiting = second.AcquireAsync(0, CancellationToken.None);
        await using (await second.AcquireAsync(1, CancellationToken.None))
        {
            // another bucket is free at once, while bucket 0 stays taken
        }

        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        await held.DisposeAsync();
        await using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    private WebApplicationFactory<Program> Replica()
    {
        var connectionString = _connectionString ?? throw new InvalidOperationException(PostgresServer.SkipReason);
        var host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Facts:Path", Repo.Facts);
            builder.UseSetting("Facts:Watch", "false");
            builder.UseSetting("Storage:Provider", "postgres");
            builder.UseSetting("Storage:ConnectionString", connectionString);
            builder.UseSetting("RateLimits:Shared", "true");
            builder.UseSetting("RateLimits:PerUser:Permits", "4");
            builder.UseSetting("RateLimits:PerUser:Window", "00:01:00");
            builder.UseSetting("Slack:SigningSecret", Secret);
            builder.UseSetting("Slack:ModeratorUserIds:0", "UMOD");
        });
        _hosts.Add(host);
        return host;
    }

    private static async Task<JsonElement> RateLimitCheckAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("checks").GetProperty("rate-limits").Clone();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
