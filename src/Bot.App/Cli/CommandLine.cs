using System.CommandLine;
using System.CommandLine.Parsing;
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
/// The <c>bot</c> verbs that run and exit without starting the host (parsed with System.CommandLine: <c>--help</c> on
/// every verb, and shell completions through its <c>[suggest]</c> directive). Exit codes: 0 success, 1 invalid facts
/// (or, for <c>probe</c>, unhealthy; for <c>discord register</c>, refused), 2 usage error.
/// </summary>
internal static class CommandLine
{
    public const int Success = 0;
    public const int InvalidFacts = 1;
    public const int UsageError = 2;

    private const string DefaultProbeUrl = "http://127.0.0.1:8080/livez";

    private static readonly string[] Formats = ["text", "json", "discord", "slack", "html"];

    /// <summary>True when the arguments name a verb this class handles rather than the host.</summary>
    public static bool Handles(string[] args) =>
        args is [var verb, ..] && verb != "run" && (!verb.StartsWith('-') || verb is "--help" or "-h" or "-?" or "--version");

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) => RunAsync(args, output, error, linkHandler: null);

    /// <summary><c>bot facts links</c> with its arguments (tests pass a handler that reaches their local server).</summary>
    internal static Task<int> LinksAsync(string[] args, TextWriter output, TextWriter error, HttpMessageHandler? handler = null) =>
        RunAsync(["facts", "links", .. args], output, error, handler);

    private static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, HttpMessageHandler? linkHandler)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parsed = Build(output, error, linkHandler).Parse(args is ["help"] ? ["--help"] : args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine(problem.Message);
            }

            error.WriteLine($"Run 'bot {string.Join(' ', CommandPath(parsed))} --help' for usage.".Replace("  ", " ", StringComparison.Ordinal));
            return UsageError;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static List<string> CommandPath(System.CommandLine.ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result.Parent is CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names;
    }

    private static RootCommand Build(TextWriter output, TextWriter error, HttpMessageHandler? linkHandler)
    {
        var factsOption = new Option<string?>("--facts") { Description = "The fact folder (default: the facts/ folder found from here or beside the binary).", HelpName = "DIR" };
        var command = new Argument<string[]>("command") { Description = "The command as typed in chat, in quotes: \"/who betssy-chavez\".", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format", "-f")
        {
            Description = "How to print the answer: text; json (the answer); discord or slack (the exact message payload); html (one "
                + "self-contained page showing the Discord and Slack messages as the apps lay them out, e.g. > preview.html).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(Formats);
        var locale = new Option<string>("--locale") { Description = "The language of the answer: en or es.", DefaultValueFactory = _ => BotLanguage.English };
        var ask = new Command("ask", "Answers one command from the fact base, e.g. bot ask \"/who betssy-chavez\".") { command, format, factsOption, locale };
        ask.SetAction(result => Ask(result.GetValue(command) ?? [], result.GetValue(format)!, result.GetValue(factsOption), result.GetValue(locale)!, output, error));

        var validateDir = new Argument<string?>("DIR") { Description = "The fact folder (default: facts/).", Arity = ArgumentArity.ZeroOrOne };
        var validate = new Command("validate", "Checks the fact base; prints path:line:col diagnostics; exits 1 when it has errors.") { validateDir };
        validate.SetAction(result => Validate(result.GetValue(validateDir), output, error));

        var linksDir = new Argument<string?>("DIR") { Description = "The fact folder (default: facts/).", Arity = ArgumentArity.ZeroOrOne };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "How long to wait for each link: 5s, 1500ms or 00:00:05 (at most 5 minutes).",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(5),
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (TryParseTimeout(text, out var value))
                {
                    return value;
                }

                result.AddError($"--timeout '{text}' is not a duration: use e.g. 5s, 1500ms or 00:00:05.");
                return default;
            },
        };
        var links = new Command("links", "Checks every source URL (HEAD, then GET; redirects followed); prints broken (error) and moved (warning) links as path:line:col diagnostics; exits 1 when a link is broken.")
        {
            linksDir, timeout,
        };
        links.SetAction((result, _) => CheckLinksAsync(result.GetValue(linksDir), result.GetValue(timeout), output, error, linkHandler));

        var commands = new Command("commands", "Prints the Discord command registration JSON generated from the command catalog.");
        commands.SetAction(_ =>
        {
            DiscordCli.PrintCommands(output);
            return Success;
        });
        var guild = new Option<string?>("--guild") { Description = "Register in this server only (instant, for testing).", HelpName = "ID" };
        var register = new Command("register", "Registers the commands with Discord (needs Discord:ApplicationId and Discord:BotToken).") { guild };
        register.SetAction((result, _) => DiscordRegisterAsync(result.GetValue(guild), output, error));

        var url = new Option<string?>("--url") { Description = "The bot's public https URL (request URLs for HTTP mode).", HelpName = "https://your.host" };
        var socketMode = new Option<bool>("--socket-mode") { Description = "A manifest for Socket Mode (no public URL)." };
        var moderatorGroup = new Option<bool>("--moderator-group")
        {
            Description = "Also ask for the usergroups:read scope (implied when Slack:ModeratorUserGroupId is set).",
        };
        var manifest = new Command("manifest", "Prints the Slack app manifest generated from the command catalog.") { url, socketMode, moderatorGroup };
        manifest.SetAction(result => SlackManifestVerb(result.GetValue(url), result.GetValue(socketMode), result.GetValue(moderatorGroup), output, error));

        var probeUrl = new Argument<string>("URL") { Description = $"The URL to GET (default {DefaultProbeUrl}).", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => DefaultProbeUrl };
        var probe = new Command("probe", "Exits 0 when URL answers 2xx within 5 s, else 1: the container's health check.") { probeUrl };
        probe.SetAction((result, _) => ProbeAsync(result.GetValue(probeUrl)!, error));

        var run = new Command("run", "Starts the bot (HTTP endpoints for Discord and Slack, /livez, /readyz, /healthz, /metrics); the same as no verb.");
        return new RootCommand("The Mexico–Peru dispute bot: answers from a curated, sourced fact base.")
        {
            ask,
            new Command("facts", "The fact base.") { validate, links },
            new Command("discord", "Discord commands.") { commands, register },
            new Command("slack", "The Slack app.") { manifest },
            probe,
            run,
        };
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

    private static int Ask(string[] words, string format, string? factsDir, string locale, TextWriter output, TextWriter error)
    {
        if (words.Length > 1)
        {
            return Fail(error, "Put the whole command in one pair of quotes: bot ask \"/quote sheinbaum sovereignty\".");
        }

        var text = words.Length == 1 ? words[0] : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail(error, "Which command? For example: bot ask \"/who betssy-chavez\".");
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
            "html" => MessagePreview.Render(answer),
            _ => PlainTextRenderer.Render(answer),
        });
        return answer.Kind == AnswerKind.UsageError ? UsageError : Success;
    }

    private static async Task<int> DiscordRegisterAsync(string? guild, TextWriter output, TextWriter error)
    {
        var options = Settings().GetSection(DiscordOptions.SectionName).Get<DiscordOptions>() ?? new DiscordOptions();
        return await DiscordCli.RegisterAsync(options, guild, output, error);
    }

    /// <summary>The same configuration sources as the host: appsettings, user secrets in development, environment.</summary>
    private static IConfigurationRoot Settings() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddUserSecrets(typeof(CommandLine).Assembly, optional: true)
        .AddEnvironmentVariables()
        .Build();

    private static int SlackManifestVerb(string? url, bool socketMode, bool moderatorGroup, TextWriter output, TextWriter error)
    {
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

    private static int Validate(string? dir, TextWriter output, TextWriter error)
    {
        var report = LoadFacts(dir, error, out var folder, printIssues: false);
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
            output.WriteLine($"{folder}: valid — {facts.People.Count} people, {facts.Events.Count} events, {facts.Quotes.Count} quotes, {facts.Sources.Count} sources, {facts.Topics.Count} topics, {facts.Vocabulary.Synonyms.Count} synonym groups and {facts.Vocabulary.Phrases.Count} phrases for /ask; {warnings} warning(s). Version {facts.Version}.");
            return Success;
        }

        error.WriteLine($"{folder}: {errors} error(s), {warnings} warning(s).");
        return InvalidFacts;
    }

    /// <summary>Checks every source link of a valid base; exit 1 when any is broken.</summary>
    private static async Task<int> CheckLinksAsync(string? dir, TimeSpan timeout, TextWriter output, TextWriter error, HttpMessageHandler? handler)
    {
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
        return UsageError;
    }
}
