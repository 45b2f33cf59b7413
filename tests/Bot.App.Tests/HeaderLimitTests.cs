using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Bot.App.Tests.Support;

namespace Bot.App.Tests;

/// <summary>The published host's request limits, on a real Kestrel socket (the in-memory test server has none).</summary>
public sealed class HeaderLimitTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("bot-limits-");

    [Fact]
    public async Task A_request_with_40_KB_of_headers_is_refused_with_431_and_the_bot_keeps_serving()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _work.FullName, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bot.dll"));
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Facts__Path"] = Repo.Facts;
        start.Environment["Facts__Watch"] = "false";
        start.Environment["Storage__DataPath"] = Path.Combine(_work.FullName, "data");
        using var bot = Process.Start(start)!;
        bot.OutputDataReceived += (_, _) => { };
        bot.ErrorDataReceived += (_, _) => { };
        bot.BeginOutputReadLine();
        bot.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            await UntilLiveAsync(client, bot);

            var status = await RawStatusLineAsync(port, "GET /livez HTTP/1.1\r\nHost: bot\r\nX-Padding: " + new string('a', 40 * 1024) + "\r\n\r\n");

            Assert.Equal("HTTP/1.1 431 Request Header Fields Too Large", status);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/livez", UriKind.Relative))).StatusCode);
        }
        finally
        {
            bot.Kill(entireProcessTree: true);
            await bot.WaitForExitAsync();
        }
    }

    public void Dispose() => _work.Delete(recursive: true);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task UntilLiveAsync(HttpClient client, Process bot)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            Assert.False(bot.HasExited, "the bot exited before it served");
            try
            {
                if ((await client.GetAsync(new Uri("/livez", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            Assert.True(DateTime.UtcNow < deadline, "the bot did not start listening within 60 s");
            await Task.Delay(200);
        }
    }

    private static async Task<string> RawStatusLineAsync(int port, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)) ?? "";
    }
}
