using System.Text.Json;
using Bot.Core.Operations;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;

namespace Bot.App.Hosting;

/// <summary>
/// What every deployment of the bot gets: the clock, problem details, the start-up report and the health endpoints.
/// Logs are the framework's console logger: <c>Logging:Console:FormatterName</c> = <c>json</c> gives one JSON object per line.
/// </summary>
internal static class AppDefaults
{
    public static IHostApplicationBuilder AddAppDefaults(this IHostApplicationBuilder builder)
    {
        // The content root is the working directory, but appsettings.json ships next to the binary: read that copy
        // first (lowest precedence), so `dotnet /opt/bot/bot.dll` started from any folder keeps the shipped defaults
        // (log levels among them: without them every request is logged at Information).
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")))
        {
            builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
            {
                FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
                Path = "appsettings.json",
                Optional = true,
            });
        }

        // HostOptions:ShutdownTimeout: how long SIGTERM waits for requests and answers in flight (default 30 s).
        builder.Services.Configure<HostOptions>(builder.Configuration.GetSection("HostOptions"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ExitStatus>();
        builder.Services.AddProblemDetails();
        builder.Services.AddHostedService<StartupReport>();
        builder.Services.AddSingleton<ShutdownDrain>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        builder.Services.AddHealthChecks().AddCheck<ShutdownDrain>(ShutdownDrain.Name);
        return builder;
    }

    /// <summary>
    /// All three answer GET and HEAD only.
    /// <c>GET /livez</c>: liveness, 200 while the process serves HTTP (no checks: restart only a hung process).
    /// <c>GET /readyz</c>: readiness, 503 until the fact base is loaded and while a configured Gateway has no shard
    /// connected; Degraded (a refused reload, the last good base serving) is still ready.
    /// <c>GET /healthz</c>: the same checks as readiness with their details as JSON (counts, version, diagnostics).
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // GET and HEAD only: anything else (PUT, DELETE, TRACE…) is 405.
        var getOrHead = new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]);
        app.MapHealthChecks("/livez", new HealthCheckOptions { Predicate = _ => false }).WithMetadata(getOrHead);
        app.MapHealthChecks("/readyz", new HealthCheckOptions { ResultStatusCodes = StatusCodes() }).WithMetadata(getOrHead);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync, ResultStatusCodes = StatusCodes() })
            .WithMetadata(getOrHead);
        return app;
    }

    private static Dictionary<HealthStatus, int> StatusCodes() => new()
    {
        [HealthStatus.Healthy] = Microsoft.AspNetCore.Http.StatusCodes.Status200OK,
        [HealthStatus.Degraded] = Microsoft.AspNetCore.Http.StatusCodes.Status200OK,
        [HealthStatus.Unhealthy] = Microsoft.AspNetCore.Http.StatusCodes.Status503ServiceUnavailable,
    };

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions), context.RequestAborted);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
