using System.Net;
using System.Net.Sockets;
using Bot.App.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.App.Tests;

/// <summary><c>bot probe</c>: the container's health check, run as a separate process against a local server.</summary>
public sealed class ProbeCommandTests
{
    [Fact]
    public async Task Probe_exits_zero_when_the_endpoint_answers_ok()
    {
        await using var server = await StatusServer.StartAsync(HttpStatusCode.OK);

        var (exit, _, error) = await BotProcess.RunAsync(Repo.Root, "probe", server.Url);

        Assert.True(exit == 0, error);
    }

    [Fact]
    public async Task Probe_exits_one_and_says_why_when_the_endpoint_is_unavailable()
    {
        await using var server = await StatusServer.StartAsync(HttpStatusCode.ServiceUnavailable);

        var (exit, _, error) = await BotProcess.RunAsync(Repo.Root, "probe", server.Url);

        Assert.Equal(1, exit);
        Assert.Contains("answered 503", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_exits_one_when_nothing_listens()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // the port is now closed

        var (exit, _, error) = await BotProcess.RunAsync(Repo.Root, "probe", $"http://127.0.0.1:{port}/livez");

        Assert.Equal(1, exit);
        Assert.Contains("did not answer", error, StringComparison.Ordinal);
    }

    /// <summary>A local server answering every request with one status.</summary>
    private sealed class StatusServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private StatusServer(WebApplication app) => _app = app;

        public string Url => _app.Urls.First() + "/livez";

        public static async Task<StatusServer> StartAsync(HttpStatusCode status)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.Run(http =>
            {
                http.Response.StatusCode = (int)status;
                return Task.CompletedTask;
            });
            await app.StartAsync();
            return new StatusServer(app);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
