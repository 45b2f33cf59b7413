using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.App.Cli;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Querying;
using Bot.Slack;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Conformance.Tests.Payloads;

/// <summary>
/// Every body the Slack adapter sends, produced by its own code: slash commands go through
/// <see cref="SlackCommandService"/> (the service the HTTP endpoints and Socket Mode share) for a workspace set to
/// English and one set to Spanish; then every button it rendered is pressed (a <c>block_actions</c> payload, answered
/// through the response_url), and those of the messages the presses bring; the manifests are what
/// <c>bot slack manifest</c> prints in each of its variants.
/// </summary>
internal sealed class SlackPayloads
{
    private const string Team = "T0CONFORM";
    private const string Member = "U0MEMBER";
    private const string Moderator = "U0MODERATOR";

    /// <summary>The arguments of every manifest variant the CLI prints.</summary>
    public static IReadOnlyList<string[]> ManifestVariants { get; } =
    [
        ["slack", "manifest", "--url", "https://bot.example.org"],
        ["slack", "manifest", "--url", "https://bot.example.org/", "--socket-mode"],
        ["slack", "manifest", "--url", "https://bot.example.org/slack/commands"],
        ["slack", "manifest", "--socket-mode"],
    ];

    /// <summary>Replies to slash commands, and the messages posted to response_urls when a button is pressed.</summary>
    public PayloadSet Messages { get; } = new();

    public PayloadSet Manifests { get; } = new();

    private readonly HashSet<string> _pressed = new(StringComparer.Ordinal);

    public static async Task<SlackPayloads> GenerateAsync(FactBase facts, IReadOnlyList<Asked> corpus)
    {
        var payloads = new SlackPayloads();
        foreach (var locale in Corpus.SlackLocales)
        {
            var service = Service(new FixedFactStore(facts), locale);
            foreach (var asked in corpus)
            {
                await payloads.SlashCommandAsync(service, asked, locale);
            }

            await payloads.NoticesAsync(service, Service(new BrokenFactStore(), locale), locale);
        }

        foreach (var args in ManifestVariants)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await CommandLine.RunAsync(args, output, error);
            if (exit != CommandLine.Success)
            {
                throw new InvalidOperationException($"bot {string.Join(' ', args)} failed (exit {exit}): {error}");
            }

            payloads.Manifests.Add("bot " + string.Join(' ', args), output.ToString());
        }

        return payloads;
    }

    private static SlackCommandService Service(IFactStore store, string locale)
    {
        var options = new SlackOptions { Locale = locale };
        options.ModeratorUserIds.Add(Moderator);
        var wrapped = Options.Create(options);
        var moderators = new SlackModerators(wrapped, new NoHttp(), TimeProvider.System, NullLogger<SlackModerators>.Instance);
        return new SlackCommandService(new QueryEngine(store), moderators, wrapped, TimeProvider.System, NullLogger<SlackCommandService>.Instance);
    }

    private async Task SlashCommandAsync(SlackCommandService service, Asked asked, string locale)
    {
        // The text a user types after the command, e.g. "person:jose-jeri page:2" (name:value works for every option).
        var typed = TextCommandParser.Format(asked.ToRequest(locale));
        var space = typed.IndexOf(' ', StringComparison.Ordinal);
        var text = space < 0 ? "" : typed[(space + 1)..];
        var what = $"{asked} (workspace in {locale})";
        var reply = Encoding.UTF8.GetString(await service.AnswerCommandAsync(
            "/" + asked.Command, text, Team, asked.AsModerator ? Moderator : Member, CancellationToken.None, "C0CHANNEL"));
        Messages.Add(what, reply);

        await PressEveryButtonAsync(service, what, reply, locale);
    }

    /// <summary>
    /// Presses every button of the reply, then of every message those presses bring (Next, Previous and any button
    /// added later), each action and value once per workspace language. Buttons that are not the bot's bring nothing.
    /// </summary>
    private async Task PressEveryButtonAsync(SlackCommandService service, string what, string reply, string locale)
    {
        var pending = new Queue<string>([reply]);
        while (pending.TryDequeue(out var message))
        {
            foreach (var button in Buttons(message))
            {
                if (_pressed.Add($"{locale}|{button.ActionId}|{button.Value}")
                    && await service.HandleBlockActionsAsync(BlockActions(button, messageAge: TimeSpan.FromMinutes(1)), CancellationToken.None) is { } followUp)
                {
                    Messages.Add($"{what}, then button '{button.ActionId}' ({button.Value})", followUp.Json);
                    pending.Enqueue(followUp.Json);
                }
            }
        }
    }

    /// <summary>A page button on a message too old to replace, an expired button, and the apologies for a failure.</summary>
    private async Task NoticesAsync(SlackCommandService service, SlackCommandService failing, string locale)
    {
        var timeline = Encoding.UTF8.GetString(await service.AnswerCommandAsync("/timeline", "", Team, Member, CancellationToken.None));
        var next = NextButton(timeline) ?? throw new InvalidOperationException("/timeline has no Next button");
        Messages.Add($"Next pressed on an hour-old message ({locale})", (await service.HandleBlockActionsAsync(BlockActions(next, TimeSpan.FromHours(1)), CancellationToken.None))!.Json);
        Messages.Add($"expired button ({locale})", (await service.HandleBlockActionsAsync(BlockActions(next with { Value = "not-a-token" }, TimeSpan.FromMinutes(1)), CancellationToken.None))!.Json);
        Messages.Add($"apology for a failed command ({locale})",
            Encoding.UTF8.GetString(await failing.AnswerCommandAsync("/sources", "", Team, Member, CancellationToken.None)));
        Messages.Add($"apology for a failed button ({locale})", (await failing.HandleBlockActionsAsync(BlockActions(next, TimeSpan.FromMinutes(1)), CancellationToken.None))!.Json);
    }

    private sealed record PressedButton(string ActionId, string Value);

    /// <summary>Every button of a message, in any block.</summary>
    private static List<PressedButton> Buttons(string message)
    {
        var buttons = new List<PressedButton>();
        Walk(JsonNode.Parse(message));
        return buttons;

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    if ((obj["type"] as JsonValue)?.ToString() == "button" && obj["action_id"] is JsonValue actionId)
                    {
                        buttons.Add(new PressedButton(actionId.ToString(), (obj["value"] as JsonValue)?.ToString() ?? ""));
                    }

                    foreach (var (_, child) in obj)
                    {
                        Walk(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Walk(child);
                    }

                    break;
            }
        }
    }

    /// <summary>The Next button of a message (its paging buttons are <c>page:prev:…</c> and <c>page:next:…</c>).</summary>
    private static PressedButton? NextButton(string message) =>
        Buttons(message).FirstOrDefault(b => b.ActionId.StartsWith(SlackAnswerRenderer.PageActionPrefix + "next:", StringComparison.Ordinal));

    /// <summary>A <c>block_actions</c> payload as Slack sends it when the button is pressed.</summary>
    private static JsonElement BlockActions(PressedButton button, TimeSpan messageAge)
    {
        var messageTs = (DateTimeOffset.UtcNow - messageAge).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ".000100";
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["team"] = new JsonObject { ["id"] = Team },
            ["user"] = new JsonObject { ["id"] = Member },
            ["response_url"] = "https://hooks.slack.invalid/actions/T0CONFORM/1/conformance",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button",
                ["block_id"] = SlackAnswerRenderer.PagingBlockId,
                ["action_id"] = button.ActionId,
                ["value"] = button.Value,
            }),
        };
        return JsonSerializer.SerializeToElement(payload);
    }

    private sealed class BrokenFactStore : IFactStore
    {
        public FactBase Current => throw new InvalidOperationException("the fact store failed (conformance test)");
    }

    /// <summary>No Web API calls are expected (moderators are listed by id); any attempt fails the generation.</summary>
    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("The conformance suite makes no Slack Web API calls.");
    }
}
