using Bot.App.Cli;
using Bot.App.Editing;
using Bot.App.Facts;
using Bot.App.Facts.Git;
using Bot.App.Hosting;
using Bot.App.Operations;
using Bot.Core.Operations;
using Bot.Discord;
using Bot.Slack;
using Bot.Storage;

if (CommandLine.Handles(args))
{
    return await CommandLine.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args.SkipWhile(a => a == "run").ToArray());

builder.AddAppDefaults();          // clock, problem details, start-up report
builder.Services.AddOperations(builder.Configuration);  // metrics (Prometheus, OTLP), per-user and per-channel rate limits
builder.Services.AddFactBase();    // fact folder, loader, snapshot store, live reload, query engine, health check
builder.Services.AddGitFactSource(builder.Configuration, builder.Environment);  // Facts:Git:Url set: serve a git branch, commit chat edits
builder.Services.AddFeedbackStorage(builder.Configuration);  // reports and unanswered questions: SQLite or PostgreSQL
builder.Services.AddFactEditing();  // /facts add-event|add-quote|add-source|edit|history: forms, preview, the folder writer
builder.Services.AddDiscordAdapter(builder.Configuration);   // HTTP interactions (Discord:PublicKey) or Gateway (Discord:BotToken)
builder.Services.AddSlackAdapter(builder.Configuration);     // on when Slack:SigningSecret / Slack:AppToken is set

var app = builder.Build();
var exit = app.Services.GetRequiredService<ExitStatus>();  // read after the host is disposed

try
{
    StartupFailure.ValidateOptions(app.Services);  // every setting checked before anything uses it

    app.MapHealthEndpoints();          // GET/HEAD /livez, /readyz, /healthz
    app.MapMetricsEndpoint();          // GET /metrics (Prometheus text format, OpenTelemetry's exporter)
    app.MapFactsWebhook();             // POST /facts/webhook (Facts:Git:WebhookSecret set): fetch the fact repository soon
    app.MapDiscordInteractions();      // POST /discord/interactions
    app.MapSlackEndpoints();           // POST /slack/commands, /slack/interactions

    await app.RunAsync();
}
catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
{
    // SIGTERM arrived while the host was still starting: a clean stop, not a crash.
}
catch (Exception exception) when (StartupFailure.IsProcess && StartupFailure.Problems(exception) is { } problems)
{
    // Invalid settings, a broken fact base, unusable storage: one line per problem and exit code 1, no stack trace.
    return StartupFailure.Report(problems, Console.Error);
}

// 0 after an ordinary stop; 3 when Discord refused the bot for good (see README "Exit codes").
return exit.Code;

/// <summary>The entry point, visible to WebApplicationFactory in the host tests.</summary>
public partial class Program;
