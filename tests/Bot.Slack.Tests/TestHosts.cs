using System.Threading.Channels;
using Bot.Core.Facts;
using Bot.Core.Querying;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Slack.Tests;

/// <summary>A minimal bot host on Kestrel (127.0.0.1, a free port): the real core over the real facts plus the Slack adapter.</summary>
internal sealed class SlackTestApp : IAsyncDisposable
{
    private SlackTestApp(WebApplication app)
    {
        App = app;
        BaseAddress = new Uri(app.Urls.First());
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<SlackTestApp> StartAsync(Dictionary<string, string?>? settings = null, IFactStore? store = null, TimeProvider? time = null, Action<IServiceCollection>? configure = null, LogEntries? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        }

        // The local response_url stand-ins listen on 127.0.0.1, which is not one of Slack's hosts.
        var config = new Dictionary<string, string?> { ["Slack:SigningSecret"] = Signing.Secret, ["Slack:AllowedResponseHosts:0"] = "127.0.0.1" };
        foreach (var (key, value) in settings ?? [])
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddSingleton(store ?? new FixedFactStore(TestFacts.Real));
        builder.Services.AddSingleton<QueryEngine>();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        configure?.Invoke(builder.Services);
        builder.Services.AddSlackAdapter(builder.Configuration);
        var app = builder.Build();
        app.MapSlackEndpoints();
        await app.StartAsync();
        return new SlackTestApp(app);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>A local stand-in for Slack's response_url: records every POST body.</summary>
internal sealed class FakeResponseUrl : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeResponseUrl(WebApplication app, Channel<string> posts)
    {
        _app = app;
        Posts = posts;
        Url = new Uri(new Uri(app.Urls.First()), "/hooks/T1/123/abc");
    }

    public Uri Url { get; }

    public Channel<string> Posts { get; }

    public static async Task<FakeResponseUrl> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var posts = Channel.CreateUnbounded<string>();
        app.MapPost("/hooks/{**rest}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            await posts.Writer.WriteAsync(await reader.ReadToEndAsync());
            return Results.Ok();
        });
        await app.StartAsync();
        return new FakeResponseUrl(app, posts);
    }

    public async Task<string> NextPostAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await Posts.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
