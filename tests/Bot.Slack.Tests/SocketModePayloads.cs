using System.Text.Json;

namespace Bot.Slack.Tests;

/// <summary>Socket Mode envelopes as Slack sends them, for the tests against the fake Socket Mode server.</summary>
internal static class SocketModePayloads
{
    public static string Envelope(string id, string type, object payload) =>
        JsonSerializer.Serialize(new { envelope_id = id, type, payload, accepts_response_payload = type == "slash_commands" });

    public static object SlashCommand(string command, string text) => new
    {
        token = "x",
        team_id = "T1",
        channel_id = "C1",
        user_id = "U1",
        command,
        text,
        response_url = "https://hooks.slack.com/commands/T1/1/x",
        trigger_id = "1.2.3",
        api_app_id = "A1",
    };
}
