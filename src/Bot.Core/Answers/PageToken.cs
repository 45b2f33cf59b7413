using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Bot.Core.Commands;
using Bot.Core.Text;

namespace Bot.Core.Answers;

/// <summary>
/// A stateless pointer to one page of a list answer: the command, its options (already resolved to ids) and the
/// page. It travels in a Discord button's custom_id or a Slack button's value, so its encoded form is short
/// (at most <see cref="MaxLength"/> characters) and contains only printable ASCII.
/// </summary>
public sealed record PageToken(string Command, IReadOnlyDictionary<string, string> Options, int Page)
{
    /// <summary>Leaves room for a platform prefix inside Discord's 100-character custom_id.</summary>
    public const int MaxLength = 90;

    private const char Separator = '|';
    private const int MaxKeywordLength = 24;
    private const int MaxNameLength = 60;

    /// <summary>
    /// A question (folded) travels whole up to this length, so the "More" button of /ask asks the very same question:
    /// "a|2|a" + question + "|v2" (the All sources view) stays within <see cref="MaxLength"/>.
    /// </summary>
    private const int MaxQuestionLength = 80;

    private static readonly Dictionary<string, char> CommandCodes = new(StringComparer.Ordinal)
    {
        [CommandCatalog.Who] = 'w',
        [CommandCatalog.Ask] = 'a',
        [CommandCatalog.Timeline] = 't',
        [CommandCatalog.Quote] = 'q',
        [CommandCatalog.Sources] = 's',
        [CommandCatalog.Positions] = 'p',
        [CommandCatalog.Help] = 'h',
    };

    private static readonly Dictionary<string, char> OptionCodes = new(StringComparer.Ordinal)
    {
        ["from"] = 'f',
        ["to"] = 'u',
        ["person"] = 'p',
        ["topic"] = 'c',
        ["speaker"] = 's',
        ["keyword"] = 'k',
        ["command"] = 'm',
        ["name"] = 'n',
        ["question"] = 'a',
        ["sources"] = 'v',
    };

    public string Encode()
    {
        var parts = new List<string>
        {
            CommandCodes[Command].ToString(),
            Page.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in Options.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            if (name == "page" || !OptionCodes.TryGetValue(name, out var code))
            {
                continue;
            }

            // Free text is folded to ASCII words and shortened; ids and dates are already ASCII and short.
            var safe = name switch
            {
                "keyword" => Shorten(TextFolding.Fold(value), MaxKeywordLength),
                "question" => Shorten(TextFolding.Fold(value), MaxQuestionLength),
                "name" => Shorten(TextFolding.Fold(value), MaxNameLength),
                _ => value,
            };
            if (safe.Length > 0)
            {
                parts.Add(code + safe);
            }
        }

        var encoded = string.Join(Separator, parts);
        return encoded.Length <= MaxLength ? encoded : encoded[..MaxLength];
    }

    public static bool TryDecode(string? encoded, [NotNullWhen(true)] out PageToken? token)
    {
        token = null;
        if (string.IsNullOrEmpty(encoded) || encoded.Length > MaxLength)
        {
            return false;
        }

        var parts = encoded.Split(Separator);
        var command = CommandCodes.FirstOrDefault(c => parts[0].Length == 1 && c.Value == parts[0][0]).Key;
        if (command is null || parts.Length < 2
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var page) || page < 1)
        {
            return false;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(2))
        {
            var name = part.Length > 0 ? OptionCodes.FirstOrDefault(o => o.Value == part[0]).Key : null;
            if (name is null || !options.TryAdd(name, part[1..]))
            {
                return false;
            }
        }

        token = new PageToken(command, options, page);
        return true;
    }

    /// <summary>
    /// True when a question travels in a token whole (folded, not shortened), so the page it fetches answers the same
    /// question; false when it is too long for a button.
    /// </summary>
    public static bool CarriesQuestion(string question) => TextFolding.Fold(question).Length <= MaxQuestionLength;

    /// <summary>The request that shows this page, in the asker's language.</summary>
    public BotRequest ToRequest(string locale = BotLanguage.English)
    {
        var options = new Dictionary<string, string>(Options, StringComparer.Ordinal)
        {
            ["page"] = Page.ToString(CultureInfo.InvariantCulture),
        };
        return new BotRequest(Command, options, locale);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd();
}
