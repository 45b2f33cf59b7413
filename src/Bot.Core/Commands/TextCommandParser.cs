using System.Text;

namespace Bot.Core.Commands;

/// <summary>
/// Parses the text form of a command, as typed in Slack or on the command line:
/// <c>/timeline from:2025-11-01 person:"jose jeri" page:2</c>. Words without a <c>name:</c> prefix fill the
/// command's positional options; when a command has several, all such words go to the first and the command splits
/// them (the quote command separates the speaker from the keyword using the fact base).
/// </summary>
public static class TextCommandParser
{
    public const int MaxInputLength = 500;

    public static ParseResult Parse(string? text, string locale = BotLanguage.English)
    {
        text = text?.Trim() ?? "";
        if (text.Length > MaxInputLength)
        {
            return new ParseResult(null, $"That is too long: commands are at most {MaxInputLength} characters.", null);
        }

        var tokens = Tokenize(text);
        if (tokens.Count == 0)
        {
            return new ParseResult(null, "Type a command, for example /who betssy-chavez, or /help for the list.", null);
        }

        var name = tokens[0].TrimStart('/');
        var command = CommandCatalog.Find(name);
        if (command is null)
        {
            return new ParseResult(null, $"There is no command /{name}.", null);
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var words = new List<string>();
        for (var i = 1; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            var option = colon > 0 ? command.Option(token[..colon].ToLowerInvariant()) : null;
            if (option is null)
            {
                words.Add(token);
                continue;
            }

            var value = token[(colon + 1)..];
            if (value.Length == 0 && i + 1 < tokens.Count)
            {
                value = tokens[++i]; // "from: 2025-11-01"
            }

            if (options.ContainsKey(option.Name))
            {
                return new ParseResult(null, $"The option {option.Name}: is given twice.", command);
            }

            options[option.Name] = value;
        }

        if (words.Count > 0)
        {
            var positional = command.Options.FirstOrDefault(o => o.Positional && !options.ContainsKey(o.Name));
            if (positional is null)
            {
                return new ParseResult(null, $"/{command.Name} does not take “{string.Join(' ', words)}”. Usage: {command.Usage}", command);
            }

            options[positional.Name] = string.Join(' ', words);
        }

        return new ParseResult(new BotRequest(command.Name, options, locale), null, command);
    }

    /// <summary>The text form of a request, which <see cref="Parse"/> reads back to the same request.</summary>
    public static string Format(BotRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var command = CommandCatalog.Find(request.Command);
        var parts = new List<string> { "/" + request.Command };
        var ordered = request.Options
            .Where(o => !string.IsNullOrWhiteSpace(o.Value))
            .OrderBy(o => command?.Options.ToList().FindIndex(d => d.Name == o.Key) ?? 0);
        foreach (var (name, value) in ordered)
        {
            var quoted = value.Any(char.IsWhiteSpace) ? $"\"{value}\"" : value;
            parts.Add($"{name}:{quoted}");
        }

        return string.Join(' ', parts);
    }

    /// <summary>Splits on whitespace, keeping "double-quoted" or “curly-quoted” runs together (quotes removed).</summary>
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var inQuotes = false;
        foreach (var c in text)
        {
            if (c is '"' or '“' or '”')
            {
                inQuotes = !inQuotes;
                continue;
            }

            if (char.IsWhiteSpace(c) && !inQuotes)
            {
                Flush();
                continue;
            }

            current.Append(c);
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
