using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Bot.App.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bot.App.Tests;

/// <summary>
/// The host run as its own process, as a supervisor (systemd, Docker, Kubernetes) runs it: a start-up it must refuse
/// ends with one clear line per problem and exit code 1, and Discord refusing the bot for good ends with exit code 3.
/// </summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("bot-startup-");

    private Dictionary<string, string?> Settings(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Facts__Path"] = Repo.Facts,
            ["Facts__Watch"] = "false",
            ["Storage__DataPath"] = Path.Combine(_work.FullName, "data"),
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return environment;
    }

    [Fact]
    public async Task Invalid_settings_stop_start_up_with_one_line_per_problem_and_exit_code_1()
    {
        var (exit, _, error) = await BotProcess.RunAsync(_work.FullName, Settings(
            ("Slack__SigningSecret", "short"),
            ("RateLimits__PerUser__Permits", "0"),
            ("Storage__Provider", "mysql"),
            ("Discord__PublicKey", "not-a-key"),
            ("Facts__DebounceMilliseconds", "-5")));

        Assert.Equal(1, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("error: Slack:SigningSecret is too short to be a Slack signing secret.", lines);
        Assert.Contains("error: RateLimits:PerUser:Permits must be 1–10000 (it is 0).", lines);
        Assert.Contains("error: Storage:Provider must be 'sqlite' (the default) or 'postgres'.", lines);
        Assert.Contains("error: Discord:PublicKey must be 64 hexadecimal characters (the Ed25519 public key from the Developer Portal).", lines);
        Assert.Contains("error: Facts:DebounceMilliseconds must be 0–60000 and Facts:PollMilliseconds 100–600000.", lines);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shared_rate_limits_without_a_shared_database_stop_start_up_with_one_line()
    {
        var (exit, _, error) = await BotProcess.RunAsync(_work.FullName, Settings(("RateLimits__Shared", "true")));

        Assert.Equal(1, exit);
        Assert.Contains("error: RateLimits:Shared=true needs Storage:Provider=postgres, the database the replicas share (it is sqlite).", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_that_is_not_a_number_is_named_on_one_line_with_exit_code_1()
    {
        var (exit, _, error) = await BotProcess.RunAsync(_work.FullName, Settings(("RateLimits__PerUser__Permits", "lots")));

        Assert.Equal(1, exit);
        Assert.Contains("error: RateLimits:PerUser:Permits must be a valid Int32.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("lots", error, StringComparison.Ordinal); // a value may be a secret: never repeated
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_fact_base_stops_start_up_with_its_diagnostics_and_exit_code_1()
    {
        var facts = _work.CreateSubdirectory("facts");
        await File.WriteAllTextAsync(Path.Combine(facts.FullName, "sources.yaml"), "sources:\n  - id: x\n    url: http://insecure.example\n");

        var (exit, _, error) = await BotProcess.RunAsync(_work.FullName, Settings(("Facts__Path", facts.FullName)));

        Assert.Equal(1, exit);
        Assert.Contains("sources.yaml:3:10: error: 'http://insecure.example' is not an https URL", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_the_bot_cannot_create_stops_start_up_with_the_reason_and_exit_code_1()
    {
        var notAFolder = Path.Combine(_work.FullName, "data-is-a-file");
        await File.WriteAllTextAsync(notAFolder, "");

        var (exit, _, error) = await BotProcess.RunAsync(_work.FullName, Settings(("Storage__DataPath", notAFolder)));

        Assert.Equal(1, exit);
        Assert.Contains("error: Storage: cannot create or open the SQLite database", error, StringComparison.Ordinal);
        Assert.Contains("Storage:DataPath must name a folder the bot may create and write.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4004)] // authentication failed
    [InlineData(4014)] // disallowed intents
    public async Task A_fatal_gateway_close_ends_the_process_with_exit_code_3(int closeCode)
    {
        await using var discord = await FatalGateway.StartAsync(closeCode);

        var (exit, output, _) = await BotProcess.RunAsync(_work.FullName, Settings(
            ("Discord__BotToken", "bot-token-for-tests.not-real"),
            ("Discord__ApiBaseUrl", discord.ApiBaseUrl)));

        Assert.Equal(3, exit);
        Assert.Contains(closeCode.ToString(CultureInfo.InvariantCulture), output, StringComparison.Ordinal);
        Assert.Equal(1, discord.Connections);
    }

    public void Dispose() => _work.Delete(recursive: true);

    /// <summary>A Discord stand-in on 127.0.0.1 whose Gateway says Hello, reads Identify and closes with a fatal code.</summary>
    private sealed class FatalGateway : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _connections;

        private FatalGateway(WebApplication app) => _app = app;

        public string ApiBaseUrl => _app.Urls.First() + "/api/v10";

        public int Connections => Volatile.Read(ref _connections);

        public static async Task<FatalGateway> StartAsync(int closeCode)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var fake = new FatalGateway(app);
            app.UseWebSockets();
            app.MapGet("/api/v10/gateway/bot", () => Results.Text(
                $$$"""{"url":"ws{{{app.Urls.First()["http".Length..]}}}/gateway","shards":1,"session_start_limit":{"total":1000,"remaining":999,"reset_after":1000,"max_concurrency":1}}""",
                "application/json"));
            app.Map("/gateway", async (HttpContext http) =>
            {
                Interlocked.Increment(ref fake._connections);
                using var socket = await http.WebSockets.AcceptWebSocketAsync();
                await socket.SendAsync(Encoding.UTF8.GetBytes("""{"op":10,"d":{"heartbeat_interval":30000}}"""), WebSocketMessageType.Text, true, CancellationToken.None);
                var buffer = new byte[16 * 1024];
                await socket.ReceiveAsync(buffer, CancellationToken.None); // Identify (or an early heartbeat: either will do)
                await socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, "fatal", CancellationToken.None);
                try
                {
                    while ((await socket.ReceiveAsync(buffer, CancellationToken.None)).MessageType != WebSocketMessageType.Close)
                    {
                    }
                }
                catch (WebSocketException)
                {
                    // the bot went away
                }
            });
            await app.StartAsync();
            return fake;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
