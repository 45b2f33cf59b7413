using Bot.App.Facts;
using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Querying;
using Bot.Core.Rendering;
using Bot.Discord;
using Bot.Slack;

namespace Bot.App.Cli;

/// <summary>
/// The <c>bot</c> verbs that run and exit without starting the host: <c>ask</c> and <c>facts validate</c>.
/// Exit codes: 0 success, 1 invalid facts (or, for <c>probe</c>, unhealthy), 2 usage error.
/// </summary>
internal static class CommandLine
{
    public const int Success = 0;
    public const int InvalidFacts = 1;
    public const int UsageError = 2;

    private static readonly string[] Formats = ["text", "json", "discord", "slack"];

    public static string Usage => $"""
        Usage:
          bot ask "<command as typed in chat>" [--format {string.Join('|', Formats)}] [--facts DIR] [--locale en|es]
              Answers one command from the fact base, e.g. bot ask "/who betssy-chavez".
          bot facts validate [DIR]
              Checks the fact base; prints path:line:col diagnostics; exits 1 when it has errors.
          bot facts links [DIR] [--timeout 5s]
              Checks every source URL (HEAD, then GET; redirects followed); prints broken (error) and moved (warning)
              links as path:line:col diagnostics; exits 1 when a link is broken. Moderators run it monthly.
          bot discord commands
              Prints the Discord command registration JSON generated from the command catalog.
          bot discord register [--guild ID]
              Registers the commands with Discord (needs Discord:ApplicationId and Discord:BotToken).
          bot slack manifest [--url https://your.host] [--socket-mode] [--moderator-group]
              Prints the Slack app manifest generated from the command catalog. It asks for the usergroups:read
              scope too with --moderator-group or when Slack:ModeratorUserGroupId is set.
          bot probe [URL]
              Exits 0 when URL (default http://127.0.0.1:8080/livez) answers 2xx within 5 s, else 1: the container's health check.
          bot [run]
              Starts the bot (HTTP endpoints for Discord and Slack, /livez, /readyz, /healthz, /metrics).
        """;

    /// <summary>True when the arguments name a verb this class handles rather than the host.</summary>
    public static bool Handles(string[] args) =>
        args is [var verb, ..] && verb != "run" && (!verb.StartsWith('-') || verb is "--help" or "-h");

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args[0])
        {
            case "ask":
                return Ask(args[1..], output, error);
            case "facts" when args.Length >= 2 && args[1] == "validate":
                return Validate(args[2..], output, error);
            case "facts" when args.Length >= 2 && args[1] == "links":
                return await LinksAsync(args[2..], output, error);
            case "discord" when args.Length == 2 && args[1] == "commands":
                DiscordCli.PrintCommands(output);
                return Success;
            case "discord" when args.Length >= 2 && args[1] == "register":
                return await DiscordRegisterAsync(args[2..], output, error);
            case "slack" when args.Length >= 2 && args[1] == "manifest":
                return SlackManifestVerb(args[2..], output, error);
            case "probe" when args.Length <= 2:
                return await ProbeAsync(args.Length == 2 ? args[1] : "http://127.0.0.1:8080/livez", error);
            case "help" or "--help" or "-h":
                output.WriteLine(Usage);
                return Success;
            default:
                error.WriteLine($"Unknown command '{string.Join(' ', args)}'.");
                error.WriteLine(Usage);
                return UsageError;
        }
    }

    /// <summary>GET the URL; 0 on a 2xx within 5 s. The runtime image has no curl, so the image probes itself.</summary>
    private static async Task<int> ProbeAsync(string url, TextWriter error)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return Fail(error, $"'{url}' is not an http(s) URL.");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(uri);
            if (response.IsSuccessStatusCode)
            {
                return Success;
            }

            error.WriteLine($"{uri} answered {(int)response.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            error.WriteLine($"{uri} did not answer: {e.Message}");
        }

        return InvalidFacts; // exit code 1: unhealthy
    }

    private static int Ask(string[] args, TextWriter output, TextWriter error)
    {
        string? text = null;
        string? factsDir = null;
        var format = "text";
        var locale = BotLanguage.English;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--format" or "-f" when i + 1 < args.Length:
                    format = args[++i];
                    break;
                case "--facts" when i + 1 < args.Length:
                    factsDir = args[++i];
                    break;
                case "--locale" when i + 1 < args.Length:
                    locale = args[++i];
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    return Fail(error, $"Unknown or incomplete option '{option}'.");
                default:
                    if (text is not null)
                    {
                        return Fail(error, "Put the whole command in one pair of quotes: bot ask \"/quote sheinbaum sovereignty\".");
                    }

                    text = args[i];
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail(error, "Which command? For example: bot ask \"/who betssy-chavez\".");
        }

        if (!Formats.Contains(format))
        {
            return Fail(error, $"Unknown format '{format}'. Formats: {string.Join(", ", Formats)}.");
        }

        var report = LoadFacts(factsDir, error, out _);
        if (report?.Facts is not { } facts)
        {
            return report is null ? UsageError : InvalidFacts;
        }

        var answer = new QueryEngine(new FixedFactStore(facts)).Answer(text, locale);
        output.Write(format switch
        {
            "json" => AnswerJson.Render(answer) + Environment.NewLine,
            "discord" => DiscordAnswerRenderer.Render(answer, indented: true) + Environment.NewLine,
            "slack" => SlackAnswerRenderer.Render(answer) + Environment.NewLine,
            _ => PlainTextRenderer.Render(answer),
        });
        return answer.Kind == AnswerKind.UsageError ? UsageError : Success;
    }

    private static async Task<int> DiscordRegisterAsync(string[] args, TextWriter output, TextWriter error)
    {
        string? guild = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--guild" && i + 1 < args.Length)
            {
                guild = args[++i];
            }
            else
            {
                return Fail(error, $"Unknown option '{args[i]}' for discord register.");
            }
        }

        var options = Settings().GetSection(DiscordOptions.SectionName).Get<DiscordOptions>() ?? new DiscordOptions();
        return await DiscordCli.RegisterAsync(options, guild, output, error);
    }

    /// <summary>The same configuration sources as the host: appsettings, user secrets in development, environment.</summary>
    private static IConfigurationRoot Settings() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddUserSecrets(typeof(CommandLine).Assembly, optional: true)
        .AddEnvironmentVariables()
        .Build();

    private static int SlackManifestVerb(string[] args, TextWriter output, TextWriter error)
    {
        string? url = null;
        var socketMode = false;
        var moderatorGroup = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--url" when i + 1 < args.Length:
                    url = args[++i];
                    break;
                case "--socket-mode":
                    socketMode = true;
                    break;
                case "--moderator-group":
                    moderatorGroup = true;
                    break;
                default:
                    return Fail(error, $"Unknown option '{args[i]}' for slack manifest.");
            }
        }

        try
        {
            // a configured moderator group needs usergroups:read: ask for it in the manifest the bot is installed with
            moderatorGroup |= !string.IsNullOrWhiteSpace(Settings()["Slack:ModeratorUserGroupId"]);
            output.WriteLine(SlackManifest.Render(url, socketMode, moderatorGroup));
            return Success;
        }
        catch (ArgumentException ex)
        {
            return Fail(error, ex.Message);
        }
    }

    private static int Validate(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 1)
        {
            return Fail(error, "facts validate takes at most one folder.");
        }

        var report = LoadFacts(args.Length == 1 ? args[0] : null, error, out var folder, printIssues: false);
        if (report is null)
        {
            return UsageError;
        }

        foreach (var issue in report.Issues)
        {
            (issue.Severity == FactIssueSeverity.Error ? error : output).WriteLine(issue);
        }

        var errors = report.Errors.Count();
        var warnings = report.Warnings.Count();
        if (report.Facts is { } facts)
        {
            output.WriteLine($"{folder}: valid — {facts.People.Count} people, {facts.Events.Count} events, {facts.Quotes.Count} quotes, {facts.Sources.Count} sources, {facts.Topics.Count} topics; {warnings} warning(s). Version {facts.Version}.");
            return Success;
        }

        error.WriteLine($"{folder}: {errors} error(s), {warnings} warning(s).");
        return InvalidFacts;
    }

    /// <summary>Checks every source link of a valid base; exit 1 when any is broken.</summary>
    internal static async Task<int> LinksAsync(string[] args, TextWriter output, TextWriter error, HttpMessageHandler? handler = null)
    {
        string? dir = null;
        var timeout = TimeSpan.FromSeconds(5);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--timeout" && i + 1 < args.Length)
            {
                if (!TryParseTimeout(args[++i], out timeout))
                {
                    return Fail(error, $"--timeout '{args[i]}' is not a duration: use e.g. 5s, 1500ms or 00:00:05.");
                }
            }
            else if (!args[i].StartsWith('-') && dir is null)
            {
                dir = args[i];
            }
            else
            {
                return Fail(error, $"Unknown option '{args[i]}' for facts links.");
            }
        }

        var report = LoadFacts(dir, error, out var display);
        if (report?.Facts is not { } facts)
        {
            return report is null ? UsageError : InvalidFacts;
        }

        using var http = SourceLinkChecker.CreateClient(handler);
        var results = await new SourceLinkChecker(http, timeout).CheckAsync(facts.Sources);
        var folder = FactsLocator.Find(dir) ?? display;
        var issues = SourceLinkChecker.Diagnose(folder, display, results);
        foreach (var issue in issues)
        {
            (issue.Severity == FactIssueSeverity.Error ? error : output).WriteLine(issue);
        }

        var broken = results.Count(r => r.State == LinkState.Broken);
        var moved = results.Count(r => r.State == LinkState.Moved);
        output.WriteLine($"{results.Count} link(s) checked: {results.Count - broken - moved} ok, {moved} moved, {broken} broken.");
        return broken > 0 ? InvalidFacts : Success;
    }

    private static bool TryParseTimeout(string text, out TimeSpan timeout)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        timeout = default;
        if (text.EndsWith("ms", StringComparison.Ordinal) && double.TryParse(text[..^2], System.Globalization.NumberStyles.Float, invariant, out var ms))
        {
            timeout = TimeSpan.FromMilliseconds(ms);
        }
        else if (text.EndsWith('s') && double.TryParse(text[..^1], System.Globalization.NumberStyles.Float, invariant, out var s))
        {
            timeout = TimeSpan.FromSeconds(s);
        }
        else if (!TimeSpan.TryParse(text, invariant, out timeout))
        {
            return false;
        }

        return timeout > TimeSpan.Zero && timeout <= TimeSpan.FromMinutes(5);
    }

    private static FactLoadReport? LoadFacts(string? dir, TextWriter error, out string folder, bool printIssues = true)
    {
        folder = FactsLocator.Find(dir) ?? "";
        if (folder.Length == 0 || !Directory.Exists(folder))
        {
            error.WriteLine(dir is null
                ? "No facts/ folder found: run from the repository or pass --facts DIR."
                : $"The fact folder '{dir}' does not exist.");
            return null;
        }

        var relative = Path.GetRelativePath(Environment.CurrentDirectory, folder);
        var display = dir ?? (relative.StartsWith("..", StringComparison.Ordinal) ? folder : relative);
        var loader = new FactBaseLoader(TimeProvider.System) { StaleAfter = TimeSpan.FromDays(FactsOptions.DefaultStaleAfterDays) };
        var report = loader.Load(folder, display);
        if (printIssues && report.HasErrors)
        {
            foreach (var issue in report.Errors)
            {
                error.WriteLine(issue);
            }

            error.WriteLine("The fact base has errors; fix them (bot facts validate) and try again.");
        }

        folder = display;
        return report;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        error.WriteLine(Usage);
        return UsageError;
    }
}
