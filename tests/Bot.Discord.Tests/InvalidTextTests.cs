using System.Net;
using Bot.Core.Facts;
using Bot.Discord.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests;

public sealed class InvalidTextTests
{
    [Theory]
    [InlineData("""[{"name":"name","type":3,"value":"betssy\ud800"}]""")]
    [InlineData("""[{"name":"na\udfffme","type":3,"value":"betssy"}]""")]
    public async Task A_signed_interaction_holding_a_lone_surrogate_is_refused_with_400_without_an_error_log(string options)
    {
        await using var host = await DiscordTestHost.StartAsync(new FixedFactStore(TestFacts.Small()));
        var body = Payloads.Command("who", options);
        Assert.Contains("\\ud", body, StringComparison.OrdinalIgnoreCase);

        using var response = await host.PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(host.Logs.Entries, e => e.Event.Id == 2008 && e.Level <= LogLevel.Information);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= LogLevel.Error);
    }
}
