using Bot.App.Cli;
using Bot.App.Facts;
using Bot.App.Hosting;

if (CommandLine.Handles(args))
{
    return CommandLine.Run(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args.SkipWhile(a => a == "run").ToArray());

builder.AddAppDefaults();          // logging, clock, problem details, start-up report
builder.Services.AddFactBase();    // fact folder, loader, snapshot store, query engine, health check

var app = builder.Build();

app.MapHealthEndpoints();          // GET /healthz

app.Run();
return CommandLine.Success;

/// <summary>The entry point, visible to WebApplicationFactory in the host tests.</summary>
public partial class Program;
