using Bot.Conformance.Tests.Support;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Loading;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bot.Conformance.Tests.Payloads;

/// <summary>A command as a user sends it, in no particular language; <see cref="AsModerator"/> for moderator-only ones.</summary>
internal sealed record Asked(string Command, IReadOnlyDictionary<string, string> Options, bool AsModerator = false)
{
    public BotRequest ToRequest(string locale) => new(Command, Options, locale) { IsModerator = AsModerator };

    public override string ToString() => TextCommandParser.Format(ToRequest(BotLanguage.English)) + (AsModerator ? " (moderator)" : "");
}

/// <summary>
/// Every command whose answer the conformance suite renders, from the real fact base: every person, timeline (whole,
/// per person, per topic), quote speaker, sources, positions (whole and per topic), /help and /help of each command,
/// every catalog example (moderator-only ones as a member and as a moderator), misses and usage errors, and every
/// /ask question of the project's question set. Each platform asks them in English and Spanish and follows every
/// page through its own Next buttons.
/// </summary>
internal static class Corpus
{
    public static IReadOnlyList<string> DiscordLocales { get; } = ["en-US", "es-ES"];

    public static IReadOnlyList<string> SlackLocales { get; } = [BotLanguage.English, BotLanguage.Spanish];

    private static readonly Lazy<FactBase> LazyFacts = new(() =>
    {
        var report = new FactBaseLoader(TimeProvider.System).Load(Path.Combine(Repository.Root, "facts"), "facts");
        return report.Facts ?? throw new InvalidOperationException("The real fact base has errors: " + string.Join("; ", report.Errors));
    });

    public static FactBase Facts => LazyFacts.Value;

    /// <summary>The questions of <c>tests/Bot.App.Tests/Ask/questions.yaml</c>, answerable or not.</summary>
    public static IReadOnlyList<string> AskQuestions { get; } = LoadQuestions();

    /// <summary>Initialized after <see cref="AskQuestions"/>, which it uses.</summary>
    public static IReadOnlyList<Asked> All { get; } = Build();

    private static List<Asked> Build()
    {
        var facts = Facts;
        var list = new List<Asked>();
        void Add(string command, params (string Name, string Value)[] options) =>
            list.Add(new Asked(command, options.ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal)));

        foreach (var person in facts.People)
        {
            Add(CommandCatalog.Who, ("name", person.Id));
            Add(CommandCatalog.Timeline, ("person", person.Id));
        }

        Add(CommandCatalog.Timeline);
        foreach (var topic in facts.Topics)
        {
            Add(CommandCatalog.Timeline, ("topic", topic.Id));
            Add(CommandCatalog.Positions, ("topic", topic.Id));
        }

        foreach (var speaker in facts.Quotes.Select(q => q.Speaker).Distinct(StringComparer.Ordinal))
        {
            Add(CommandCatalog.Quote, ("speaker", speaker));
        }

        Add(CommandCatalog.Sources);
        Add(CommandCatalog.Positions);
        Add(CommandCatalog.Help);
        foreach (var command in CommandCatalog.All)
        {
            Add(CommandCatalog.Help, ("command", command.Name));
            foreach (var example in command.Examples.Prepend("/" + command.Name))
            {
                if (TextCommandParser.Parse(example, BotLanguage.English).Request is { } request)
                {
                    list.Add(new Asked(request.Command, request.Options));
                    if (command.ModeratorOnly)
                    {
                        list.Add(new Asked(request.Command, request.Options, AsModerator: true));
                    }
                }
            }
        }

        // Misses and usage errors.
        Add(CommandCatalog.Who, ("name", "zzzz"));
        Add(CommandCatalog.Who, ("name", "nobody-at-all-xyz"));
        Add(CommandCatalog.Who, ("name", "a"));
        Add(CommandCatalog.Who, ("name", "maria"));
        Add(CommandCatalog.Timeline, ("from", "tomorrow"));
        Add(CommandCatalog.Timeline, ("from", "2099-13-40"));
        Add(CommandCatalog.Timeline, ("page", "999"));
        Add(CommandCatalog.Quote, ("speaker", new string('x', 100)));
        Add(CommandCatalog.Quote, ("speaker", "sheinbaum"), ("keyword", "zzzzzz"));
        Add(CommandCatalog.Positions, ("topic", "no-such-topic"));
        Add(CommandCatalog.Help, ("command", "nope"));
        Add(CommandCatalog.Ask);
        Add(CommandCatalog.Report);
        Add("nope");

        foreach (var question in AskQuestions)
        {
            Add(CommandCatalog.Ask, ("question", question));
        }

        return list;
    }

    private sealed class QuestionSet
    {
        public List<QuestionItem> Questions { get; set; } = [];
    }

    private sealed class QuestionItem
    {
        public string Q { get; set; } = "";
    }

    private static List<string> LoadQuestions()
    {
        var path = Path.Combine(Repository.Root, "tests", "Bot.App.Tests", "Ask", "questions.yaml");
        var set = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .IgnoreUnmatchedProperties() // only the question text is needed here; the Ask tests own the other keys
            .Build()
            .Deserialize<QuestionSet>(File.ReadAllText(path));
        return [.. set.Questions.Select(q => q.Q).Where(q => q.Length > 0)];
    }
}
