using Bot.Discord.Registration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Bot.Discord;

/// <summary>The <c>bot discord …</c> verbs: print the command definitions, or register them with Discord.</summary>
public static class DiscordCli
{
    public const int Success = 0;
    public const int Refused = 1;
    public const int UsageError = 2;

    /// <summary><c>bot discord commands</c>: the JSON that <see cref="RegisterAsync"/> PUTs, generated from the catalog.</summary>
    public static void PrintCommands(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(DiscordCommands.ToJson());
    }

    /// <summary>
    /// <c>bot discord register [--guild ID]</c>: bulk-overwrites the commands globally, or in one guild (instant, for
    /// testing). Needs <c>Discord:ApplicationId</c> and <c>Discord:BotToken</c>. Returns 0 when Discord accepted them,
    /// 1 when Discord refused (the reasons go to <paramref name="error"/>), 2 on missing or invalid settings.
    /// </summary>
    public static async Task<int> RegisterAsync(
        DiscordOptions options,
        string? guildId,
        TextWriter output,
        TextWriter error,
        HttpMessageHandler? handler = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var problems = new List<string>();
        if (!DiscordOptionsValidator.IsSnowflake(options.ApplicationId))
        {
            problems.Add("Discord:ApplicationId is required: the application's numeric id (Developer Portal → General Information).");
        }

        if (string.IsNullOrWhiteSpace(options.BotToken))
        {
            problems.Add("Discord:BotToken is required to register commands (Developer Portal → Bot → Token); set it in the environment as Discord__BotToken.");
        }

        if (guildId is not null && !DiscordOptionsValidator.IsSnowflake(guildId))
        {
            problems.Add($"--guild must be a server id (17 to 20 digits), not '{guildId}'.");
        }

        // The public key is not needed to register; check every other setting the same way the host does.
        var check = new DiscordOptionsValidator().Validate(null, new DiscordOptions
        {
            PublicKey = new string('0', 64),
            ApplicationId = options.ApplicationId,
            BotToken = options.BotToken,
            ApiBaseUrl = options.ApiBaseUrl,
            ProjectUrl = options.ProjectUrl,
            MaxRequestBytes = options.MaxRequestBytes,
            MaxClockSkewSeconds = options.MaxClockSkewSeconds,
        });
        problems.AddRange((check.Failures ?? []).Where(f => !f.StartsWith("Discord:ApplicationId", StringComparison.Ordinal)));
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine($"error: {problem}");
            }

            return UsageError;
        }

        // The same Discord client (User-Agent, retries) as the host's, in a container of its own.
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(options));
        var client = services.AddDiscordRestClient();
        if (handler is not null)
        {
            client.ConfigurePrimaryHttpMessageHandler(() => handler); // tests capture the request
        }

        await using var provider = services.BuildServiceProvider();
        var registrar = new DiscordCommandRegistrar(provider.GetRequiredService<IHttpClientFactory>().CreateClient(DiscordRest.ClientName), options);
        RegistrationResult result;
        try
        {
            result = await registrar.RegisterAsync(guildId, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            error.WriteLine($"error: could not reach Discord at {options.ApiBaseUrl}: {e.Message}");
            return Refused;
        }

        if (!result.Succeeded)
        {
            error.WriteLine($"error: {result.Error}");
            return Refused;
        }

        var where = guildId is null ? "globally (may take up to an hour to appear everywhere)" : $"in guild {guildId}";
        output.WriteLine($"Registered {result.Registered.Count} command(s) {where}: {string.Join(", ", result.Registered.Select(n => "/" + n))}");
        return Success;
    }
}
