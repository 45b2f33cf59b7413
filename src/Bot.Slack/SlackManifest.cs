using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Commands;

namespace Bot.Slack;

/// <summary>
/// The Slack app manifest (JSON), generated from the command catalog: one slash command per catalog entry with its
/// description and usage hint, the <c>commands</c> scope (and <c>usergroups:read</c> when moderators are a user group),
/// interactivity for the paging buttons, and Socket Mode on or off.
/// </summary>
public static class SlackManifest
{
    public const string DisplayName = "Mexico–Peru Dispute Facts";

    internal const int MaxCommands = 50;
    internal const int MaxCommandLength = 32;
    internal const int MaxDescription = 2000;
    internal const int MaxUsageHint = 1000;
    internal const int MaxDisplayName = 35;

    private const string AppDescription = "Sourced, neutral answers about the Mexico–Peru diplomatic dispute, from a curated fact base.";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Renders the manifest. <paramref name="requestUrl"/> is the bot's public base URL (https), e.g.
    /// <c>https://bot.example.org</c>; the commands then point at <c>/slack/commands</c> and interactivity at
    /// <c>/slack/interactions</c>. It may be null only with <paramref name="socketMode"/>, where Slack needs no URL.
    /// </summary>
    /// <param name="requestUrl">The bot's public https base URL, or null with Socket Mode.</param>
    /// <param name="socketMode">Whether the app connects over Socket Mode.</param>
    /// <param name="moderatorGroup">
    /// Moderators are a Slack user group (<c>Slack:ModeratorUserGroupId</c>): the bot token then needs the
    /// <c>usergroups:read</c> scope to read the group's members.
    /// </param>
    /// <exception cref="ArgumentException">No URL without Socket Mode, or a URL that is not absolute https.</exception>
    public static string Render(string? requestUrl, bool socketMode, bool moderatorGroup = false)
    {
        string? baseUrl = null;
        if (!string.IsNullOrWhiteSpace(requestUrl))
        {
            if (!Uri.TryCreate(requestUrl.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttps
                || !string.IsNullOrEmpty(parsed.Query) || !string.IsNullOrEmpty(parsed.Fragment))
            {
                throw new ArgumentException("The request URL must be an absolute https URL such as https://bot.example.org.", nameof(requestUrl));
            }

            baseUrl = parsed.AbsoluteUri.TrimEnd('/');
            foreach (var suffix in (string[])[SlackEndpoints.CommandsPath, SlackEndpoints.InteractionsPath])
            {
                if (baseUrl.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    baseUrl = baseUrl[..^suffix.Length]; // accept the endpoint itself as well as the base
                }
            }
        }
        else if (!socketMode)
        {
            throw new ArgumentException("Give the bot's public https URL, or use Socket Mode.", nameof(requestUrl));
        }

        var commands = new JsonArray();
        foreach (var command in CommandCatalog.All.Take(MaxCommands))
        {
            var entry = new JsonObject
            {
                ["command"] = Cut("/" + command.Name, MaxCommandLength),
                ["description"] = Cut(command.Description.En, MaxDescription),
            };
            var hint = string.Join(' ', command.Options.Select(o => o.Usage));
            if (hint.Length > 0)
            {
                entry["usage_hint"] = Cut(hint, MaxUsageHint);
            }

            if (baseUrl is not null)
            {
                entry["url"] = baseUrl + SlackEndpoints.CommandsPath;
            }

            entry["should_escape"] = false;
            commands.Add(entry);
        }

        var interactivity = new JsonObject { ["is_enabled"] = true };
        if (baseUrl is not null)
        {
            interactivity["request_url"] = baseUrl + SlackEndpoints.InteractionsPath;
        }

        var manifest = new JsonObject
        {
            ["_metadata"] = new JsonObject { ["major_version"] = 1, ["minor_version"] = 1 },
            ["display_information"] = new JsonObject
            {
                ["name"] = Cut(DisplayName, MaxDisplayName),
                ["description"] = AppDescription,
            },
            ["features"] = new JsonObject
            {
                ["bot_user"] = new JsonObject { ["display_name"] = DisplayName, ["always_online"] = false },
                ["slash_commands"] = commands,
            },
            ["oauth_config"] = new JsonObject
            {
                // Answers go back in the command's response and through response_url, so chat:write is not needed.
                ["scopes"] = new JsonObject { ["bot"] = moderatorGroup ? new JsonArray("commands", "usergroups:read") : new JsonArray("commands") },
            },
            ["settings"] = new JsonObject
            {
                ["interactivity"] = interactivity,
                ["org_deploy_enabled"] = false,
                ["socket_mode_enabled"] = socketMode,
                ["token_rotation_enabled"] = false,
            },
        };
        return manifest.ToJsonString(JsonOptions);
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
