using Bot.Core.Commands;
using Microsoft.Extensions.Options;

namespace Bot.Slack;

/// <summary>Checks the Slack section as a whole and lists every problem at once; an adapter that is off is not checked.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.HttpEnabled && !options.SocketModeEnabled)
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = new List<string>();
        if (options.HttpEnabled && string.IsNullOrWhiteSpace(options.SigningSecret))
        {
            problems.Add("Slack:SigningSecret is blank; copy it from the app's Basic Information page.");
        }
        else if (options.HttpEnabled && options.SigningSecret!.Length < 16)
        {
            problems.Add("Slack:SigningSecret is too short to be a Slack signing secret.");
        }

        if (options.SocketModeEnabled && !options.AppToken!.StartsWith("xapp-", StringComparison.Ordinal))
        {
            problems.Add("Slack:AppToken must be an app-level token (xapp-…) with the connections:write scope.");
        }

        if (!string.IsNullOrWhiteSpace(options.ModeratorUserGroupId) && string.IsNullOrEmpty(options.BotToken))
        {
            problems.Add("Slack:ModeratorUserGroupId needs Slack:BotToken (with the usergroups:read scope) to read the group's members.");
        }

        if (!string.IsNullOrEmpty(options.BotToken) && !options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            problems.Add("Slack:BotToken must be a bot token (xoxb-…).");
        }

        if (options.ApiBaseUrl is not { IsAbsoluteUri: true } api || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add("Slack:ApiBaseUrl must be an absolute http(s) URL such as https://slack.com/api.");
        }

        if (!IsResponseType(options.ResponseType))
        {
            problems.Add($"Slack:ResponseType must be '{SlackOptions.InChannel}' or '{SlackOptions.Ephemeral}'.");
        }

        foreach (var (command, type) in options.CommandResponseTypes)
        {
            if (CommandCatalog.Find(command) is null)
            {
                problems.Add($"Slack:CommandResponseTypes names '{command}', which is not a command ({string.Join(", ", CommandCatalog.All.Select(c => c.Name))}).");
            }

            if (!IsResponseType(type))
            {
                problems.Add($"Slack:CommandResponseTypes:{command} must be '{SlackOptions.InChannel}' or '{SlackOptions.Ephemeral}'.");
            }
        }

        if (options.MaxRequestBodyBytes is < 4096 or > 16 * 1024 * 1024)
        {
            problems.Add("Slack:MaxRequestBodyBytes must be between 4096 and 16777216.");
        }

        if (options.DeferAfter <= TimeSpan.Zero || options.DeferAfter > TimeSpan.FromSeconds(2.5))
        {
            problems.Add("Slack:DeferAfter must be positive and at most 00:00:02.5 (Slack waits 3 seconds for an acknowledgement).");
        }

        if (options.ReconnectMinDelay <= TimeSpan.Zero || options.ReconnectMaxDelay < options.ReconnectMinDelay)
        {
            problems.Add("Slack:ReconnectMinDelay must be positive and not above Slack:ReconnectMaxDelay.");
        }

        foreach (var host in options.AllowedResponseHosts)
        {
            if (string.IsNullOrWhiteSpace(host) || Uri.CheckHostName(host.Trim()) == UriHostNameType.Unknown || host.Trim() != host)
            {
                problems.Add("Slack:AllowedResponseHosts must list host names only (such as hooks.slack.com), without a scheme, port or path.");
                break;
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsResponseType(string? type) => type is SlackOptions.InChannel or SlackOptions.Ephemeral;
}
