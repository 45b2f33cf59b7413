using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Slack;

public static class SlackEndpoints
{
    public const string CommandsPath = "/slack/commands";
    public const string InteractionsPath = "/slack/interactions";

    /// <summary>
    /// Maps <c>POST /slack/commands</c> and <c>POST /slack/interactions</c> when the HTTP side is configured
    /// (<c>Slack:SigningSecret</c> set); otherwise maps nothing.
    /// </summary>
    public static IEndpointRouteBuilder MapSlackEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ServiceProvider.GetService<SlackHttpHandler>() is not { } handler)
        {
            return app;
        }

        app.MapPost(CommandsPath, new RequestDelegate(handler.HandleCommandAsync)).ExcludeFromDescription();
        app.MapPost(InteractionsPath, new RequestDelegate(handler.HandleInteractionAsync)).ExcludeFromDescription();
        return app;
    }
}
