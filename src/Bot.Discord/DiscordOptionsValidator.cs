using Microsoft.Extensions.Options;

namespace Bot.Discord;

/// <summary>Lists every problem with the <c>Discord</c> section at once, naming settings but never their values.</summary>
internal sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var mode = DiscordOptions.ResolveMode(options.Mode, options.PublicKey, options.BotToken);
        if (mode == DiscordMode.Unknown)
        {
            problems.Add("Discord:Mode must be 'http' or 'gateway' (or empty: http when Discord:PublicKey is set, else gateway).");
        }

        if (mode == DiscordMode.Gateway)
        {
            if (string.IsNullOrWhiteSpace(options.BotToken))
            {
                problems.Add("Discord:BotToken is required in gateway mode (the bot token from the Developer Portal's Bot page).");
            }

            if (!string.IsNullOrWhiteSpace(options.PublicKey) && !IsHex(options.PublicKey.Trim(), 64))
            {
                problems.Add("Discord:PublicKey must be 64 hexadecimal characters (the Ed25519 public key from the Developer Portal).");
            }

            CheckShards(options.Gateway ?? new(), problems);
        }
        else if (string.IsNullOrWhiteSpace(options.PublicKey))
        {
            problems.Add("Discord:PublicKey is required (the application's public key from the Developer Portal).");
        }
        else if (!IsHex(options.PublicKey.Trim(), 64))
        {
            problems.Add("Discord:PublicKey must be 64 hexadecimal characters (the Ed25519 public key from the Developer Portal).");
        }

        if (!string.IsNullOrEmpty(options.ApplicationId) && !IsSnowflake(options.ApplicationId))
        {
            problems.Add("Discord:ApplicationId must be the application's numeric id (17 to 20 digits).");
        }

        if (!string.IsNullOrEmpty(options.BotToken) && options.BotToken.Any(char.IsWhiteSpace))
        {
            problems.Add("Discord:BotToken must not contain spaces (give the token alone, without the 'Bot ' prefix).");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && !(api.Scheme == Uri.UriSchemeHttp && api.IsLoopback)))
        {
            problems.Add("Discord:ApiBaseUrl must be an absolute https URL (http is allowed only for a loopback test server).");
        }

        if (!Uri.TryCreate(options.ProjectUrl, UriKind.Absolute, out var project) || (project.Scheme != Uri.UriSchemeHttps && project.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add("Discord:ProjectUrl must be an absolute http(s) URL (it goes into the User-Agent).");
        }

        if (options.MaxRequestBytes is < 1024 or > 1024 * 1024)
        {
            problems.Add("Discord:MaxRequestBytes must be between 1024 and 1048576.");
        }

        if (options.MaxClockSkewSeconds is < 5 or > 900)
        {
            problems.Add("Discord:MaxClockSkewSeconds must be between 5 and 900.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckShards(DiscordGatewayOptions gateway, List<string> problems)
    {
        if (gateway.ShardCount is < 0 or > DiscordGatewayOptions.MaxShardCount)
        {
            problems.Add($"Discord:Gateway:ShardCount must be 0 (Discord's recommendation) to {DiscordGatewayOptions.MaxShardCount}.");
        }
        else if (!string.IsNullOrWhiteSpace(gateway.Shards))
        {
            if (gateway.ShardCount == 0)
            {
                problems.Add("Discord:Gateway:Shards needs Discord:Gateway:ShardCount, the total over all processes (the same in each).");
            }
            else if (DiscordGatewayOptions.ParseShards(gateway.Shards, gateway.ShardCount).Error is { } error)
            {
                problems.Add($"Discord:Gateway:Shards must list this process's shard ids, e.g. 0-3 or 4,5 ({error}).");
            }
        }
    }

    internal static bool IsSnowflake(string? value) =>
        value is { Length: >= 17 and <= 20 } && value.All(char.IsAsciiDigit);

    internal static bool IsHex(string value, int length) =>
        value.Length == length && value.All(char.IsAsciiHexDigit);
}
