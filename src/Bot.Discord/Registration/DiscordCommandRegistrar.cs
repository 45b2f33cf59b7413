using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Bot.Discord.Registration;

/// <summary>The outcome of a bulk overwrite: the names Discord now has, or a readable reason.</summary>
internal sealed record RegistrationResult(bool Succeeded, IReadOnlyList<string> Registered, string? Error);

/// <summary>
/// Bulk-overwrites the application's commands with one <c>PUT /applications/{id}/commands</c> (or the guild route),
/// sending the <c>Authorization: Bot</c> token, on the <see cref="DiscordRest"/> client (its <c>User-Agent</c>, and
/// its retries: a 429 is waited out unless Discord asks for more than a minute, a 5xx is tried again). A 400 comes
/// back as one line per invalid field.
/// </summary>
internal sealed class DiscordCommandRegistrar(HttpClient http, DiscordOptions options)
{
    public Uri Route(string? guildId)
    {
        var root = options.ApiBaseUrl.TrimEnd('/');
        return new Uri(guildId is null
            ? $"{root}/applications/{options.ApplicationId}/commands"
            : $"{root}/applications/{options.ApplicationId}/guilds/{guildId}/commands");
    }

    public async Task<RegistrationResult> RegisterAsync(string? guildId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Route(guildId))
        {
            Content = new StringContent(DiscordCommands.ToJson(indented: false), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.BotToken);

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new RegistrationResult(true, Names(text), null);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var after = DiscordRest.RetryAfter(response, text).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return new RegistrationResult(false, [], $"Discord is rate limiting this bot (429); retry after {after} s.");
        }

        if ((int)response.StatusCode >= 500)
        {
            return new RegistrationResult(false, [],
                $"Discord answered {(int)response.StatusCode} {response.StatusCode} (tried up to {DiscordRest.Policy.MaxAttempts} times); try again later.");
        }

        return new RegistrationResult(false, [], Describe(response.StatusCode, text, guildId));
    }

    /// <summary>Discord's error body as readable lines: <c>/timeline option 'to' description: Must be 100 or fewer in length. (BASE_TYPE_MAX_LENGTH)</c>.</summary>
    internal static string Describe(HttpStatusCode status, string body, string? guildId)
    {
        var json = DiscordRest.TryJson(body);
        var message = json?["message"]?.GetValue<string>();
        var code = json?["code"]?.ToString();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Discord refused the commands: {(int)status} {status}");
        if (message is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $": {message}");
        }

        if (code is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" (code {code})");
        }

        text.Append('.');
        var hint = status switch
        {
            HttpStatusCode.Unauthorized => "Check Discord:BotToken (the bot token, without the 'Bot ' prefix).",
            HttpStatusCode.Forbidden => guildId is null
                ? "The token may belong to another application: check Discord:ApplicationId."
                : "Invite the bot to that server with the applications.commands scope.",
            HttpStatusCode.NotFound => "Check Discord:ApplicationId" + (guildId is null ? "." : " and the guild id."),
            _ => null,
        };
        if (hint is not null)
        {
            text.AppendLine().Append("  ").Append(hint);
        }

        if (json?["errors"] is JsonObject errors)
        {
            foreach (var line in Flatten(errors, ""))
            {
                text.AppendLine().Append("  ").Append(line);
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> Flatten(JsonObject node, string path)
    {
        foreach (var (key, value) in node)
        {
            if (key == "_errors" && value is JsonArray list)
            {
                foreach (var error in list.OfType<JsonObject>())
                {
                    yield return $"{Readable(path)}: {error["message"]?.ToString()} ({error["code"]?.ToString()})";
                }
            }
            else if (value is JsonObject child)
            {
                foreach (var line in Flatten(child, path.Length == 0 ? key : $"{path}.{key}"))
                {
                    yield return line;
                }
            }
        }
    }

    /// <summary><c>1.options.0.description</c> → <c>/timeline option 'from' description</c>, using the catalog order sent.</summary>
    private static string Readable(string path)
    {
        var parts = path.Split('.');
        var commands = DiscordCommands.Build();
        var result = new List<string>();
        JsonNode? current = commands;
        for (var i = 0; i < parts.Length; i++)
        {
            if (int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && current is JsonArray array && index < array.Count)
            {
                current = array[index];
                var name = current?["name"]?.ToString() ?? parts[i];
                result.Add(i == 0 ? "/" + name : $"option '{name}'");
            }
            else
            {
                current = current is JsonObject obj ? obj[parts[i]] : null;
                if (parts[i] != "options")
                {
                    result.Add(parts[i]);
                }
            }
        }

        return result.Count > 0 ? string.Join(' ', result) : "(request)";
    }

    private static List<string> Names(string body) => DiscordRest.TryJson(body) is JsonArray array
        ? [.. array.OfType<JsonObject>().Select(c => c["name"]?.ToString()).OfType<string>()]
        : [];
}
