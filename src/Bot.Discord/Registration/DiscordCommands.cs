using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Commands;
using Bot.Discord.Rendering;

namespace Bot.Discord.Registration;

/// <summary>
/// The application commands Discord should show, generated from <see cref="CommandCatalog"/>: CHAT_INPUT commands with
/// typed options (people and topics autocomplete), required options first, and Spanish descriptions for
/// <c>es-ES</c> and <c>es-419</c>.
/// </summary>
internal static class DiscordCommands
{
    /// <summary>Option types (application-commands#application-command-object-application-command-option-type).</summary>
    public const int StringOption = 3;
    public const int IntegerOption = 4;

    public static readonly string[] SpanishLocales = ["es-ES", "es-419"];

    private const int DateMaxLength = 10;

    /// <summary>
    /// Spanish command and option names. The catalog has no localized names yet (see the adapter's report); these
    /// only change what Spanish-speaking users see in the picker: interactions still carry the default names.
    /// </summary>
    private static readonly Dictionary<string, string> SpanishNames = new(StringComparer.Ordinal)
    {
        ["ask"] = "preguntar",
        ["who"] = "quien",
        ["timeline"] = "cronologia",
        ["quote"] = "cita",
        ["positions"] = "posturas",
        ["sources"] = "fuentes",
        ["help"] = "ayuda",
        ["name"] = "nombre",
        ["from"] = "desde",
        ["to"] = "hasta",
        ["person"] = "persona",
        ["topic"] = "tema",
        ["page"] = "pagina",
        ["speaker"] = "autor",
        ["keyword"] = "palabras",
        ["command"] = "comando",
        ["question"] = "pregunta",
    };

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonArray Build(IEnumerable<CommandDefinition>? commands = null) =>
        [.. (commands ?? CommandCatalog.All).Select(Command)];

    public static string ToJson(bool indented = true) =>
        Build().ToJsonString(indented ? Options : new JsonSerializerOptions(Options) { WriteIndented = false });

    /// <summary>MANAGE_MESSAGES (1 &lt;&lt; 13): who may moderate a server's conversations may moderate its facts.</summary>
    internal const long ModeratorPermission = 1L << 13;

    /// <summary>ADMINISTRATOR (1 &lt;&lt; 3) implies every permission.</summary>
    internal const long AdministratorPermission = 1L << 3;

    private static JsonObject Command(CommandDefinition command)
    {
        var json = new JsonObject
        {
            ["name"] = command.Name,
            ["type"] = 1,
            ["description"] = Description(command.Description.En),
        };
        AddLocalizations(json, command.Name, command.Description);
        json["options"] = new JsonArray([.. command.Options.OrderByDescending(o => o.Required).Select(Option)]);
        if (command.ModeratorOnly)
        {
            // Hidden from members without Manage Messages (server admins can change that per server); the handler
            // checks the member's permissions again on every use.
            json["default_member_permissions"] = ModeratorPermission.ToString(System.Globalization.CultureInfo.InvariantCulture);
            json["contexts"] = new JsonArray(0); // guilds only: a DM has no moderators
        }

        return json;
    }

    private static JsonObject Option(CommandOption option)
    {
        var json = new JsonObject
        {
            ["name"] = option.Name,
            ["type"] = option.Kind == OptionKind.Number ? IntegerOption : StringOption,
            ["description"] = Description(option.Description.En),
        };
        AddLocalizations(json, option.Name, option.Description);
        json["required"] = option.Required;
        switch (option.Kind)
        {
            case OptionKind.Person or OptionKind.Topic or OptionKind.FactTarget:
                json["autocomplete"] = true;
                json["max_length"] = Math.Min(option.MaxLength, DiscordLimits.ChoiceValue);
                break;
            case OptionKind.Date:
                json["max_length"] = Math.Min(option.MaxLength, DateMaxLength);
                break;
            case OptionKind.Number:
                json["min_value"] = option.MinValue;
                json["max_value"] = option.MaxValue;
                break;
            case OptionKind.Text when option.Choices.Count > 0:
                json["choices"] = new JsonArray([.. option.Choices.Select(c => new JsonObject { ["name"] = c, ["value"] = c })]);
                break;
            default:
                json["max_length"] = option.MaxLength;
                break;
        }

        return json;
    }

    private static void AddLocalizations(JsonObject json, string name, LocalizedText description)
    {
        if (SpanishNames.TryGetValue(name, out var spanish))
        {
            var names = new JsonObject();
            foreach (var locale in SpanishLocales)
            {
                names[locale] = spanish;
            }

            json["name_localizations"] = names;
        }

        var descriptions = new JsonObject();
        foreach (var locale in SpanishLocales)
        {
            descriptions[locale] = Description(description.Es);
        }

        json["description_localizations"] = descriptions;
    }

    private static string Description(string text) => DiscordMarkdown.Truncate(text.Trim(), DiscordLimits.CommandDescription);
}
