using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Operations;

namespace Bot.Discord.Registration;

/// <summary>The outcome of a bulk overwrite: the names Discord now has, or a readable reason.</summary>
internal sealed record RegistrationResult(bool Succeeded, IReadOnlyList<string> Registered, string? Error, int Attempts);

/// <summary>
/// Bulk-overwrites the application's commands with one <c>PUT /applications/{id}/commands</c> (or the guild route),
/// sending the <c>Authorization: Bot</c> token and the <c>User-Agent</c> Discord requires. A 429 is waited out
/// (<c>retry_after</c>, else <c>Retry-After</c>, else <c>X-RateLimit-Reset-After</c>) and retried; a 400 comes back
/// as one line per invalid field.
/// </summary>
internal sealed class DiscordCommandRegistrar(HttpClient http, DiscordOptions options, TimeProvider time)
{
    public const int MaxAttempts = 4;

    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    public string UserAgent { get; } = $"DiscordBot ({options.ProjectUrl}, {Version()})";

    public Uri Route(string? guildId)
    {
        var root = options.ApiBaseUrl.TrimEnd('/');
        return new Uri(guildId is null
            ? $"{root}/applications/{options.ApplicationId}/commands"
            : $"{root}/applications/{options.ApplicationId}/guilds/{guildId}/commands");
    }

    public async Task<RegistrationResult> RegisterAsync(string? guildId, CancellationToken cancellationToken)
    {
        var body = DiscordCommands.ToJson(indented: false);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, Route(guildId))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.BotToken);
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);

            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new RegistrationResult(true, Names(text), null, attempt);
            }

            if (OutboundRetry.IsTransient(response.StatusCode))
            {
                var limited = response.StatusCode == HttpStatusCode.TooManyRequests;
                var wait = limited ? RetryAfter(response, text) : OutboundRetry.Delay(response, attempt, time);
                if (attempt >= MaxAttempts || wait > MaxWait)
                {
                    var after = wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                    return new RegistrationResult(false, [], limited
                        ? $"Discord is rate limiting this bot (429); retry after {after} s."
                        : $"Discord answered {(int)response.StatusCode} {response.StatusCode} {attempt} times; try again later.", attempt);
                }

                await Task.Delay(wait, time, cancellationToken);
                continue;
            }

            return new RegistrationResult(false, [], Describe(response.StatusCode, text, guildId), attempt);
        }
    }

    internal static TimeSpan RetryAfter(HttpResponseMessage response, string body)
    {
        var seconds = TryJson(body)?["retry_after"] is JsonValue value && value.TryGetValue<double>(out var fromBody) ? fromBody : (double?)null;
        seconds ??= response.Headers.RetryAfter?.Delta?.TotalSeconds;
        if (seconds is null && response.Headers.TryGetValues("X-RateLimit-Reset-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var resetAfter))
        {
            seconds = resetAfter;
        }

        return TimeSpan.FromSeconds(Math.Clamp(seconds ?? 1, 0, 3600));
    }

    /// <summary>Discord's error body as readable lines: <c>/timeline option 'to' description: Must be 100 or fewer in length. (BASE_TYPE_MAX_LENGTH)</c>.</summary>
    internal static string Describe(HttpStatusCode status, string body, string? guildId)
    {
        var json = TryJson(body);
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

    private static List<string> Names(string body) => TryJson(body) is JsonArray array
        ? [.. array.OfType<JsonObject>().Select(c => c["name"]?.ToString()).OfType<string>()]
        : [];

    private static JsonNode? TryJson(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Version()
    {
        var version = typeof(DiscordCommandRegistrar).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? version[..plus] : version;
    }
}
