using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Commands;
using Bot.Core.Editing;
using Bot.Core.Facts;
using Bot.Core.Loading;
using Bot.Core.Querying;
using Bot.Discord;
using Bot.Discord.Gateway;
using Bot.Discord.Interactions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Conformance.Tests.Payloads;

/// <summary>
/// Every body the Discord adapter sends, produced by its own code: interactions (as Discord delivers them) go through
/// <see cref="DiscordInteractionResponder"/>, the responder the HTTP endpoint and the Gateway share; then every button
/// it rendered is pressed (Next, Previous, suggestions, any other), and those of the messages the presses bring;
/// deferred answers are edited in with <see cref="GatewayInteractionDispatcher.EditBody"/>; the registration is what
/// <c>bot discord commands</c> prints and what <see cref="DiscordCli.RegisterAsync"/> PUTs.
/// </summary>
internal sealed class DiscordPayloads
{
    public const string ApplicationId = "123456789012345678";
    private const long ModeratorPermissions = 1L << 13;

    private readonly DiscordInteractionResponder _responder;
    private readonly DiscordInteractionResponder _failing;
    private readonly HashSet<string> _pressed = new(StringComparer.Ordinal);
    private int _next;

    private DiscordPayloads(FactBase facts)
    {
        _responder = Responder(new FixedFactStore(facts));
        _failing = Responder(new BrokenFactStore());
    }

    /// <summary>Interaction responses (callback bodies), every type the adapter uses.</summary>
    public PayloadSet Callbacks { get; } = new();

    /// <summary>Bodies of <c>PATCH …/messages/@original</c>: each slash command's answer, as edited in after a deferral.</summary>
    public PayloadSet Edits { get; } = new();

    /// <summary>The command registration, as printed by the CLI and as sent by the registrar.</summary>
    public PayloadSet Registrations { get; } = new();

    /// <summary>How many of each callback type were produced.</summary>
    public SortedDictionary<int, int> CallbackTypes { get; } = [];

    public static async Task<DiscordPayloads> GenerateAsync(FactBase facts, IReadOnlyList<Asked> corpus)
    {
        var payloads = new DiscordPayloads(facts);
        foreach (var locale in Corpus.DiscordLocales)
        {
            foreach (var asked in corpus)
            {
                await payloads.SlashCommandAsync(asked, locale);
            }

            await payloads.AutocompleteAsync(facts, locale);
            await payloads.NoticesAsync(locale);
            await payloads.EditsAsync(facts, locale);
        }

        payloads.Callback("PONG", await payloads._responder.RespondAsync(Parse(new JsonObject { ["type"] = InteractionType.Ping }), CancellationToken.None));
        payloads.Callback("deferred (type 5)", GatewayInteractionDispatcher.DeferredBody);
        payloads.Callback("deferred, private (type 5)", GatewayInteractionDispatcher.DeferredPrivateBody);
        await payloads.RegistrationAsync();
        return payloads;
    }

    private static DiscordInteractionResponder Responder(IFactStore store) =>
        new(new QueryEngine(store), Options.Create(new DiscordOptions()), NullLogger<DiscordInteractionResponder>.Instance);

    private async Task SlashCommandAsync(Asked asked, string locale)
    {
        var definition = CommandCatalog.Find(asked.Command);
        var options = new JsonArray();
        foreach (var (name, value) in asked.Options)
        {
            // Discord sends an INTEGER option's value as a JSON number, every other option's as a string.
            int? number = definition?.Option(name)?.Kind == OptionKind.Number
                && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            options.Add(new JsonObject
            {
                ["name"] = name,
                ["type"] = number is null ? 3 : 4,
                ["value"] = number is { } integer ? JsonValue.Create(integer) : JsonValue.Create(value),
            });
        }

        var interaction = Interaction(InteractionType.ApplicationCommand, locale, new JsonObject
        {
            ["id"] = "1",
            ["name"] = asked.Command,
            ["type"] = 1,
            ["options"] = options,
        }, asked.AsModerator);
        var what = $"{asked} ({locale})";
        var response = await _responder.RespondAsync(interaction, CancellationToken.None);
        Callback(what, response);
        Edits.Add(what + ", edited in after a deferral", Encoding.UTF8.GetString(GatewayInteractionDispatcher.EditBody(response)));
        await PressEveryButtonAsync(what, locale, response, asked.AsModerator);
    }

    /// <summary>
    /// Presses every enabled button of the answer, then of every message those presses bring (Next, Previous, suggestions
    /// and any button added later), each custom_id once per language and role.
    /// </summary>
    private async Task PressEveryButtonAsync(string what, string locale, InteractionResponse first, bool moderator)
    {
        var pending = new Queue<InteractionResponse>([first]);
        while (pending.TryDequeue(out var response))
        {
            foreach (var customId in EnabledButtons(response))
            {
                if (_pressed.Add($"{locale}|{moderator}|{customId}"))
                {
                    var pressed = await PressAsync(customId, locale, moderator);
                    Callback($"{what}, then button '{customId}'", pressed);
                    pending.Enqueue(pressed);
                }
            }
        }
    }

    private Task<InteractionResponse> PressAsync(string customId, string locale, bool moderator) =>
        _responder.RespondAsync(Interaction(InteractionType.MessageComponent, locale, new JsonObject
        {
            ["custom_id"] = customId,
            ["component_type"] = 2,
        }, moderator), CancellationToken.None);

    /// <summary>The custom_id of every button (component type 2) that is not disabled, wherever it sits in the message.</summary>
    private static List<string> EnabledButtons(InteractionResponse response)
    {
        var ids = new List<string>();
        Walk(JsonNode.Parse(DiscordJson.Serialize(response)));
        return ids;

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (obj["type"] is JsonValue type && type.TryGetValue<int>(out var kind) && kind == 2
                        && obj["custom_id"] is JsonValue value && value.TryGetValue<string>(out var id) && id.Length > 0
                        && !(obj["disabled"] is JsonValue disabled && disabled.TryGetValue<bool>(out var off) && off))
                    {
                        ids.Add(id);
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

    private async Task AutocompleteAsync(FactBase facts, string locale)
    {
        var prefixes = facts.People.SelectMany(p => (string[])[p.Id[..Math.Min(2, p.Id.Length)], p.Name])
            .Concat(facts.Topics.Select(t => t.Id[..Math.Min(2, t.Id.Length)]))
            .Append("")
            .Append("zzzz")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var command in CommandCatalog.All)
        {
            foreach (var option in command.Options.Where(o => o.HasAutocomplete))
            {
                foreach (var typed in prefixes)
                {
                    var interaction = Interaction(InteractionType.Autocomplete, locale, new JsonObject
                    {
                        ["id"] = "1",
                        ["name"] = command.Name,
                        ["type"] = 1,
                        ["options"] = new JsonArray(new JsonObject { ["name"] = option.Name, ["type"] = 3, ["value"] = typed, ["focused"] = true }),
                    }, moderator: false);
                    Callback($"autocomplete /{command.Name} {option.Name}:'{typed}' ({locale})", await _responder.RespondAsync(interaction, CancellationToken.None));
                }
            }
        }
    }

    /// <summary>The short private replies: a stale button, an unsupported interaction, and the apology for a failure.</summary>
    private async Task NoticesAsync(string locale)
    {
        Callback($"stale button ({locale})", await PressAsync("zz:stale", locale, moderator: false));
        Callback($"expired page button ({locale})", await PressAsync(DiscordAnswerRenderer.PagePrefix + "not-a-token", locale, moderator: false));
        var userCommand = Interaction(InteractionType.ApplicationCommand, locale, new JsonObject { ["id"] = "1", ["name"] = "who", ["type"] = 2 }, moderator: false);
        Callback($"user command ({locale})", await _responder.RespondAsync(userCommand, CancellationToken.None));
        var failing = Interaction(InteractionType.ApplicationCommand, locale, new JsonObject { ["id"] = "1", ["name"] = "sources", ["type"] = 1 }, moderator: false);
        Callback($"apology after a failure ({locale})", await _failing.RespondAsync(failing, CancellationToken.None));
        var failingAutocomplete = Interaction(InteractionType.Autocomplete, locale, new JsonObject
        {
            ["id"] = "1",
            ["name"] = "who",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "name", ["type"] = 3, ["value"] = "a", ["focused"] = true }),
        }, moderator: false);
        Callback($"autocomplete after a failure ({locale})", await _failing.RespondAsync(failingAutocomplete, CancellationToken.None));
    }

    private async Task RegistrationAsync()
    {
        using var printed = new StringWriter();
        DiscordCli.PrintCommands(printed);
        Registrations.Add("bot discord commands", printed.ToString());

        using var discord = new CapturingHandler();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var options = new DiscordOptions { ApplicationId = ApplicationId, BotToken = "conformance-test-token" };
        var exit = await DiscordCli.RegisterAsync(options, null, output, error, discord);
        if (exit != DiscordCli.Success || discord.Body is null)
        {
            throw new InvalidOperationException($"bot discord register did not send its request (exit {exit}): {error}");
        }

        if (discord.Method != HttpMethod.Put || !discord.Path!.EndsWith($"/applications/{ApplicationId}/commands", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"bot discord register sent {discord.Method} {discord.Path}, not PUT /applications/{{id}}/commands");
        }

        Registrations.Add("bot discord register (the PUT body)", discord.Body);
    }

    private void Callback(string what, InteractionResponse response) =>
        Callback(what, DiscordJson.Serialize(response));

    private void Callback(string what, byte[] body)
    {
        var json = Encoding.UTF8.GetString(body);
        using (var document = JsonDocument.Parse(json))
        {
            var type = document.RootElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : 0;
            CallbackTypes[type] = CallbackTypes.GetValueOrDefault(type) + 1;
        }

        Callbacks.Add(what, json);
    }

    /// <summary>An interaction as Discord delivers it, parsed by the adapter's own deserializer.</summary>
    private Interaction Interaction(int type, string locale, JsonObject data, bool moderator)
    {
        var id = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        return Parse(new JsonObject
        {
            ["type"] = type,
            ["id"] = "9" + id.PadLeft(17, '0'),
            ["application_id"] = ApplicationId,
            ["token"] = "interaction-token-" + id,
            ["locale"] = locale,
            ["guild_locale"] = "en-US",
            ["channel_id"] = "223456789012345678",
            ["member"] = new JsonObject
            {
                ["permissions"] = (moderator ? ModeratorPermissions : 0).ToString(CultureInfo.InvariantCulture),
                ["roles"] = new JsonArray(),
                ["user"] = new JsonObject { ["id"] = "323456789012345678" },
            },
            ["data"] = data,
        });
    }

    private static Interaction Parse(JsonObject json) => json.Deserialize(DiscordJson.Interaction)!;

    /// <summary>
    /// Chat editing: every form as a modal (type 9), each submitted with what a moderator would type and with a broken
    /// value, the preview and problem replies, Reopen (a modal filled in), Confirm and Cancel (type 7), and a member's
    /// refused submission. The writer is a local stand-in that accepts every change and writes nothing.
    /// </summary>
    private async Task EditsAsync(FactBase facts, string locale)
    {
        var person = facts.People.First(p => p.Status is not null);
        var timelineEvent = facts.Events[^1];
        var source = facts.Sources[0];
        var speaker = facts.Quotes[0].Speaker;
        var edits = new FactEditService(new FixedFactStore(facts), new FolderAdmin(facts), new FactBaseLoader(TimeProvider.System), new AcceptingWriter(), TimeProvider.System);
        var responder = new DiscordInteractionResponder(new QueryEngine(new FixedFactStore(facts)), Options.Create(new DiscordOptions()), NullLogger<DiscordInteractionResponder>.Instance, edits);
        (string Action, string? Target, Dictionary<string, string> Valid)[] forms =
        [
            ("add-event", null, new() { ["date"] = "2026-03-01", ["title"] = "A test event **with** <markup> @everyone", ["summary"] = "A test summary.", ["sources"] = source.Url.AbsoluteUri, ["people"] = person.Name }),
            ("add-quote", null, new() { ["speaker"] = speaker, ["date"] = "2026-03-01", ["text"] = "Test words", ["context"] = "A test context.", ["source"] = source.Id }),
            ("add-source", null, new() { ["url"] = "https://example.org/test-article", ["outlet"] = "Example", ["title"] = "A test headline", ["date"] = "2026-03-01" }),
            ("edit", person.Id, new() { ["summary"] = person.Summary + " Edited.", ["status"] = person.Status!.Text }),
            ("edit", timelineEvent.Id, new() { ["summary"] = timelineEvent.Summary + " Edited." }),
        ];
        foreach (var (action, target, valid) in forms)
        {
            JsonArray options = [new JsonObject { ["name"] = "action", ["type"] = 3, ["value"] = action }];
            if (target is not null)
            {
                options.Add(new JsonObject { ["name"] = "target", ["type"] = 3, ["value"] = target });
            }

            var modal = await responder.RespondAsync(Interaction(InteractionType.ApplicationCommand, locale, new JsonObject { ["id"] = "1", ["name"] = "facts", ["type"] = 1, ["options"] = options }, moderator: true), CancellationToken.None);
            Callback($"/facts {action} {target} form ({locale})", modal);
            var key = modal.Data!.CustomId!;

            var preview = await responder.RespondAsync(Submit(key, valid, locale, moderator: true), CancellationToken.None);
            Callback($"/facts {action} preview ({locale})", preview);
            var broken = new Dictionary<string, string>(valid) { [valid.ContainsKey("date") ? "date" : "summary"] = valid.ContainsKey("date") ? "2026-02-30" : "" };
            var problems = await responder.RespondAsync(Submit(key, broken, locale, moderator: true), CancellationToken.None);
            Callback($"/facts {action} refused ({locale})", problems);
            Callback($"/facts {action} submitted by a member ({locale})", await responder.RespondAsync(Submit(key, valid, locale, moderator: false), CancellationToken.None));
            foreach (var customId in EnabledButtons(problems).Concat(EnabledButtons(preview)))
            {
                var press = Interaction(InteractionType.MessageComponent, locale, new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 }, moderator: true);
                Callback($"/facts {action}, then button '{customId}' ({locale})", await responder.RespondAsync(press, CancellationToken.None));
            }
        }
    }

    private Interaction Submit(string key, Dictionary<string, string> values, string locale, bool moderator) =>
        Interaction(InteractionType.ModalSubmit, locale, new JsonObject
        {
            ["custom_id"] = key,
            ["components"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject
            {
                ["type"] = 1,
                ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = v.Key, ["value"] = v.Value }),
            })]),
        }, moderator);

    /// <summary>The repository's fact folder as the one being served.</summary>
    private sealed class FolderAdmin(FactBase facts) : IFactAdmin
    {
        public FactAdminStatus Status() => new(facts, Path.Combine(Support.Repository.Root, "facts"), [], Reloaded: false);

        public FactAdminStatus Reload() => Status();

        public FactLoadReport Check() => new(facts, []);
    }

    /// <summary>Accepts every change without writing it, and keeps no history.</summary>
    private sealed class AcceptingWriter : IFactWriter
    {
        public Task<FactWriteResult> WriteAsync(FactChange change, CancellationToken cancellationToken) => Task.FromResult(new FactWriteResult(true, "abc1234", []));

        public Task<IReadOnlyList<FactHistoryEntry>> HistoryAsync(int count, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<FactHistoryEntry>>([]);
    }

    /// <summary>A fact store that fails, so the answer is the adapter's apology.</summary>
    private sealed class BrokenFactStore : IFactStore
    {
        public FactBase Current => throw new InvalidOperationException("the fact store failed (conformance test)");
    }

    /// <summary>Stands in for Discord: records the registration request and accepts it.</summary>
    private sealed class CapturingHandler : HttpMessageHandler
    {
        public HttpMethod? Method { get; private set; }

        public string? Path { get; private set; }

        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Method = request.Method;
            Path = request.RequestUri?.AbsolutePath;
            Body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[]", Encoding.UTF8, "application/json") };
        }
    }
}
