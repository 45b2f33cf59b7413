using System.Text.Json;
using Bot.App.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bot.App.Tests;

/// <summary>
/// The deployed wiring end to end: a signed Slack /report is stored in the SQLite database before its receipt, and a
/// moderator sees it with /facts reports after the host restarts.
/// </summary>
public sealed class ReportsEndToEndTests : IDisposable
{
    private const string Secret = "test-signing-secret-made-in-the-test";

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-reports-data-");

    private WebApplicationFactory<Program> Host() => new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Facts:Path", Repo.Facts);
        builder.UseSetting("Facts:Watch", "false");
        builder.UseSetting("Storage:DataPath", _data.FullName);
        builder.UseSetting("Slack:SigningSecret", Secret);
        builder.UseSetting("Slack:ModeratorUserIds:0", "UMOD");
        builder.UseSetting("Slack:ResponseType", "in_channel");
    });

    [Fact]
    public async Task A_report_survives_a_restart_and_reaches_the_moderators()
    {
        string receipt;
        await using (var first = Host())
        {
            using var client = first.CreateClient();
            var reply = await CommandAsync(client, "U123", "/report", "the OAS session date is wrong about:\"de zela\"");
            receipt = reply.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString()!;
            Assert.Equal("ephemeral", reply.GetProperty("response_type").GetString());
            Assert.StartsWith("Report #", receipt, StringComparison.Ordinal);
        }

        await using var second = Host();
        using var again = second.CreateClient();
        var refused = await CommandAsync(again, "U123", "/facts", "reports");
        Assert.Contains("Only moderators can do that", refused.GetRawText(), StringComparison.Ordinal);

        var reports = await CommandAsync(again, "UMOD", "/facts", "reports");
        var text = reports.GetRawText();
        Assert.Contains("the OAS session date is wrong", text, StringComparison.Ordinal);
        Assert.Contains("hugo-de-zela", text, StringComparison.Ordinal);
        Assert.Contains(receipt.Split(' ')[1], text, StringComparison.Ordinal); // the receipt number
    }

    [Fact]
    public async Task A_question_the_bot_cannot_answer_is_counted_for_the_moderators()
    {
        await using var host = Host();
        using var client = host.CreateClient();

        await CommandAsync(client, "U1", "/ask", "¿Cuál es la capital de Bolivia?");
        await CommandAsync(client, "U2", "/ask", "cual es la capital de bolivia");
        var gaps = (await CommandAsync(client, "UMOD", "/facts", "gaps")).GetRawText();

        Assert.Contains("cual es la capital de bolivia", gaps, StringComparison.Ordinal);
        Assert.Contains("×2", gaps, StringComparison.Ordinal);
        Assert.DoesNotContain("U1", gaps, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Delete(recursive: true);

    private static Task<JsonElement> CommandAsync(HttpClient client, string userId, string command, string text) =>
        SignedSlack.CommandAsync(client, Secret, userId, command, text);
}
