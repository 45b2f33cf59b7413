using System.Globalization;
using System.Text;
using Bot.App.Tests.Support;
using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Querying;
using Xunit.Abstractions;
using YamlDotNet.Serialization;

namespace Bot.App.Tests.Ask;

/// <summary>
/// The /ask question set: questions people would type, in English and Spanish, each with the facts a right answer
/// contains. It is split into a tuning part and a held-out part (see the rule at the top of questions.yaml): the
/// tuning part keeps the engine from getting worse while it is tuned, the held-out part measures it honestly.
/// </summary>
public sealed class AskQuestionSetTests(ITestOutputHelper output)
{
    private const string Tune = "tune";
    private const string HeldOut = "heldout";

    private sealed class QuestionSet
    {
        public List<Item> Questions { get; set; } = [];
    }

    private sealed class Item
    {
        public string Q { get; set; } = "";
        public string Lang { get; set; } = "en";
        public string Split { get; set; } = "";
        public List<string> Expect { get; set; } = [];

        public bool Answerable => Expect.Count > 0;

        public string Stratum => Answerable ? Lang : "unanswerable";
    }

    /// <summary>What /ask did with one question: whether it hedged, and the fact ids of its lines in order.</summary>
    private sealed record Outcome(Item Item, AnswerKind Kind, IReadOnlyList<string> Ids)
    {
        public bool Hedged => Kind == AnswerKind.NotFound;

        /// <summary>Strict: a confident answer whose first line is one of the expected facts.</summary>
        public bool RightFirst => Kind == AnswerKind.Found && Ids.Count > 0 && Item.Expect.Contains(Ids[0]);

        public bool RightInTop3 => Kind == AnswerKind.Found && Ids.Take(3).Any(Item.Expect.Contains);

        /// <summary>"Not sure", although an expected fact is among the closest facts it lists.</summary>
        public bool HedgedAlthoughRight => Hedged && Ids.Any(Item.Expect.Contains);

        public string Describe() =>
            $"{Item.Q} -> {(Hedged ? "not sure, closest " : "")}[{string.Join(", ", Ids)}] expected [{string.Join(", ", Item.Expect)}]";
    }

    private static List<Item> Load()
    {
        var path = Path.Combine(Repo.Root, "tests", "Bot.App.Tests", "Ask", "questions.yaml");
        var set = new DeserializerBuilder().WithNamingConvention(YamlDotNet.Serialization.NamingConventions.CamelCaseNamingConvention.Instance).Build().Deserialize<QuestionSet>(File.ReadAllText(path));
        return set.Questions;
    }

    private static List<Outcome> Run(QueryEngine engine, IEnumerable<Item> items) =>
        items.Select(item =>
        {
            var answer = engine.Answer(new BotRequest(CommandCatalog.Ask, new Dictionary<string, string> { ["question"] = item.Q }, item.Lang));
            var ids = answer.Sections.SelectMany(s => s.Lines).Select(l => l.FactId).OfType<string>().ToList();
            return new Outcome(item, answer.Kind, ids);
        }).ToList();

    /// <summary>The split rule stated in questions.yaml: held out when FNV-1a("issue-16|" + q) is odd.</summary>
    private static string SplitByRule(string question)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes("issue-16|" + question))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash % 2 == 1 ? HeldOut : Tune;
    }

    private static double Rate(int count, int total) => total == 0 ? 0 : (double)count / total;

    private static string Percent(int count, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"{count}/{total} ({Rate(count, total):P1})");

    [Fact]
    public void The_question_set_is_large_enough_and_refers_to_real_facts()
    {
        var questions = Load();
        var facts = RealFacts.Base;

        Assert.True(questions.Count(q => q.Lang == "en" && q.Expect.Count > 0) >= 60);
        Assert.True(questions.Count(q => q.Lang == "es" && q.Expect.Count > 0) >= 20);
        Assert.True(questions.Count(q => q.Expect.Count == 0) >= 20);
        Assert.True(questions.Count(q => q.Lang == "es" && q.Expect.Count == 0) >= 8);
        Assert.All(questions.SelectMany(q => q.Expect), id => Assert.True(
            facts.TryGetEvent(id, out _) || facts.TryGetQuote(id, out _) || facts.TryGetPerson(id, out _) || facts.TryGetPosition(id, out _),
            $"unknown fact id {id}"));
    }

    [Fact]
    public void Every_question_sits_in_the_split_its_rule_gives_and_each_stratum_is_at_least_40_percent_held_out()
    {
        var questions = Load();

        Assert.All(questions, q => Assert.True(q.Split == SplitByRule(q.Q), $"\"{q.Q}\" is marked split: {q.Split}, its rule gives {SplitByRule(q.Q)}"));
        Assert.Equal(questions.Count, questions.Select(q => q.Q).Distinct(StringComparer.Ordinal).Count());
        foreach (var stratum in questions.GroupBy(q => q.Stratum))
        {
            var heldOut = stratum.Count(q => q.Split == HeldOut);
            output.WriteLine($"{stratum.Key}: {Percent(heldOut, stratum.Count())} held out");
            Assert.True(Rate(heldOut, stratum.Count()) >= 0.40, $"only {Percent(heldOut, stratum.Count())} of {stratum.Key} questions are held out");
        }
    }

    /// <summary>Adds a line to <paramref name="breaches"/> when count/total is below the floor.</summary>
    private static void CheckFloor(List<string> breaches, string what, int count, int total, double floor)
    {
        if (Rate(count, total) < floor)
        {
            breaches.Add(string.Create(CultureInfo.InvariantCulture, $"{what} {Percent(count, total)} below its floor {floor:P0}"));
        }
    }

    // The issue's targets are top-3 >= 95 % and top-1 >= 85 % with every unanswerable question answered "not sure".
    // Before the split (143 answerable, all of them then): top-1 89.5 %, top-3 97.2 %, 24 of 24 unanswerable answered
    // "not sure". Those floors no longer hold on the tuning part alone with issue 16's new questions; measured on the
    // engine of main at 5152364: top-1 77.3 % (92/119), top-3 84.0 % (100/119), 14 of 16 unanswerable answered
    // "not sure" (87.5 %). Issue 16's engine work (Spanish index, paraphrases, claim variants, the neighbouring-topic
    // check) measured: top-1 86.6 % (103/119), top-3 94.1 % (112/119), 14 of 16 "not sure" (87.5 %). With the facts'
    // example questions (asks:, asks_es:, written from the facts, not from this set): top-1 87.4 % (104/119), top-3
    // 95.0 % (113/119, 94.96 %), 14 of 16 "not sure" (87.5 %). The floors sit at
    // those values rounded down to the whole percent, so a change cannot make the tuning part worse; raise them as the
    // engine improves. Set 3 (122 questions written in members' own words, 57 answerable and 10 unanswerable of them in
    // this part) measured top-1 138/176 (78.4 %), top-3 149/176, 19 of 26 "not sure" with four to six asks per fact;
    // then function words ignored, "comment"/"comentario" as quote words, "primera ministra" as a phrase and a fact's
    // own words preferred to someone's reaction when no words are asked for: top-1 144/176 (81.8 %), top-3 154/176
    // (87.5 %), 19 of 26 "not sure" (73.1 %). With sourced roles for ten more people and three to five asks per language
    // on every quote: top-1 147/176 (83.5 %), top-3 158/176 (89.8 %), 19 of 26 "not sure".
    private const double Top1Floor = 0.83;
    private const double Top3Floor = 0.89;
    private const double HonestFloor = 0.73;

    [Fact]
    public void Answers_stay_at_or_above_the_measured_accuracy_and_honesty()
    {
        var engine = RealFacts.Engine();
        var questions = Load().Where(q => q.Split == Tune).ToList();
        var answerable = Run(engine, questions.Where(q => q.Answerable));
        var unanswerable = Run(engine, questions.Where(q => !q.Answerable));
        var top1 = answerable.Count(o => o.RightFirst);
        var top3 = answerable.Count(o => o.RightInTop3);
        var honest = unanswerable.Count(o => o.Hedged);

        // The tuning part's misses are printed for the engine work; the held-out part's never are.
        output.WriteLine($"Tuning part, {answerable.Count} answerable: top-1 (strict) {Percent(top1, answerable.Count)}, top-3 {Percent(top3, answerable.Count)}, hedged although right {Percent(answerable.Count(o => o.HedgedAlthoughRight), answerable.Count)}; unanswerable answered 'not sure' {Percent(honest, unanswerable.Count)}");
        foreach (var miss in answerable.Where(o => !o.RightFirst))
        {
            output.WriteLine((miss.RightInTop3 ? "NOT FIRST " : "MISS ") + miss.Describe());
        }

        foreach (var pretended in unanswerable.Where(o => !o.Hedged))
        {
            output.WriteLine($"PRETENDED to answer: {pretended.Item.Q} -> [{string.Join(", ", pretended.Ids)}]");
        }

        var breaches = new List<string>();
        CheckFloor(breaches, "tuning top-1", top1, answerable.Count, Top1Floor);
        CheckFloor(breaches, "tuning top-3", top3, answerable.Count, Top3Floor);
        CheckFloor(breaches, "tuning unanswerable answered 'not sure'", honest, unanswerable.Count, HonestFloor);
        Assert.True(breaches.Count == 0, string.Join(Environment.NewLine, breaches));
    }

    // Held-out floors: the figures measured on the engine of main at 5152364, rounded down to the whole percent.
    // Strict: 69/104 (66.3 %), English 49/76 (64.5 %), Spanish 20/28 (71.4 %). Hedged although right: 10/104 (9.6 %),
    // which is not held as a floor on its own (it should fall as strict rises); the share that is either right first
    // or hedged although right, 79/104 (75.96 %), is. Unanswerable hedged: 20/22 (90.9 %).
    // After issue 16's engine work (tuned on the tuning part only): strict 77/104 (74.0 %), English 53/76 (69.7 %),
    // Spanish 24/28 (85.7 %); hedged although right 6/104 (5.8 %); right first or hedged although right 83/104 (79.8 %);
    // unanswerable hedged 20/22 (90.9 %). With the facts' example questions (asks:, asks_es:, written from each fact's
    // own text, never from this set): strict 78/104 (75.0 %), English 54/76 (71.1 %), Spanish 24/28 (85.7 %); hedged
    // although right 6/104 (5.8 %); right first or hedged although right 84/104 (80.8 %); unanswerable hedged 20/22
    // (90.9 %). With the 8 February 2026 habeas corpus event in the base (a sourced development; one held-out English
    // question loses its first place to it): strict 77/104 (74.0 %), English 53/76 (69.7 %), right first or hedged
    // although right 83/104 (79.8 %). With four to six asks per language on every fact: strict 81/104 (77.9 %), English
    // 56/76 (73.7 %), Spanish 25/28 (89.3 %), unanswerable hedged 20/22.
    // Set 3 added 45 answerable and 10 unanswerable held-out questions. Measured once before the engine changes tuned on
    // its tuning half: strict 113/149 (75.8 %), English 74/105 (70.5 %), Spanish 39/44 (88.6 %); hedged although right
    // 10/149 (6.7 %); right first or hedged although right 123/149 (82.6 %); unanswerable hedged 27/32 (84.4 %). Once
    // after them: strict 112/149 (75.2 %), English 73/105 (69.5 %), Spanish 39/44 (88.6 %); hedged although right 9/149
    // (6.0 %); right first or hedged although right 121/149 (81.2 %); unanswerable hedged 27/32 (84.4 %). Once more
    // after sourced roles for ten people and example questions on every quote: strict 116/149 (77.9 %), English 77/105
    // (73.3 %), Spanish 39/44 (88.6 %); hedged although right 7/149 (4.7 %); right first or hedged although right
    // 123/149 (82.6 %); unanswerable hedged 27/32 (84.4 %).
    // The floors are the latest figures, rounded down to the whole percent: facts are never left out to hold a floor.
    // Raise them when the engine improves on the held-out part; never tune the engine on the held-out questions.
    private const double HeldOutStrictFloor = 0.77;
    private const double HeldOutStrictEnglishFloor = 0.73;
    private const double HeldOutStrictSpanishFloor = 0.88;
    private const double HeldOutRightOrHedgedRightFloor = 0.82;
    private const double HeldOutUnanswerableHedgedFloor = 0.84;

    [Fact]
    public void Held_out_questions_get_the_right_fact_first_at_or_above_the_measured_strict_rate()
    {
        var engine = RealFacts.Engine();
        var questions = Load().Where(q => q.Split == HeldOut).ToList();
        var answerable = Run(engine, questions.Where(q => q.Answerable));
        var unanswerable = Run(engine, questions.Where(q => !q.Answerable));
        var english = answerable.Where(o => o.Item.Lang == "en").ToList();
        var spanish = answerable.Where(o => o.Item.Lang == "es").ToList();
        var unanswerableEnglish = unanswerable.Where(o => o.Item.Lang == "en").ToList();
        var unanswerableSpanish = unanswerable.Where(o => o.Item.Lang == "es").ToList();

        static int Strict(IEnumerable<Outcome> set) => set.Count(o => o.RightFirst);
        static int HedgedRight(IEnumerable<Outcome> set) => set.Count(o => o.HedgedAlthoughRight);
        static int Hedged(IEnumerable<Outcome> set) => set.Count(o => o.Hedged);
        var rightOrHedgedRight = answerable.Count(o => o.RightFirst || o.HedgedAlthoughRight);

        // Only how many, never which: the held-out questions and their misses stay unseen while tuning.
        output.WriteLine($"Held-out part, strict (right fact first, not hedged): all {Percent(Strict(answerable), answerable.Count)}, en {Percent(Strict(english), english.Count)}, es {Percent(Strict(spanish), spanish.Count)}");
        output.WriteLine($"Held-out part, hedged although right (an expected fact among the closest): all {Percent(HedgedRight(answerable), answerable.Count)}, en {Percent(HedgedRight(english), english.Count)}, es {Percent(HedgedRight(spanish), spanish.Count)}");
        output.WriteLine($"Held-out part, right first or hedged although right: {Percent(rightOrHedgedRight, answerable.Count)}");
        output.WriteLine($"Held-out part, unanswerable hedged: all {Percent(Hedged(unanswerable), unanswerable.Count)}, en {Percent(Hedged(unanswerableEnglish), unanswerableEnglish.Count)}, es {Percent(Hedged(unanswerableSpanish), unanswerableSpanish.Count)}");

        var breaches = new List<string>();
        CheckFloor(breaches, "held-out strict", Strict(answerable), answerable.Count, HeldOutStrictFloor);
        CheckFloor(breaches, "held-out strict (en)", Strict(english), english.Count, HeldOutStrictEnglishFloor);
        CheckFloor(breaches, "held-out strict (es)", Strict(spanish), spanish.Count, HeldOutStrictSpanishFloor);
        CheckFloor(breaches, "held-out right first or hedged although right", rightOrHedgedRight, answerable.Count, HeldOutRightOrHedgedRightFloor);
        CheckFloor(breaches, "held-out unanswerable hedged", Hedged(unanswerable), unanswerable.Count, HeldOutUnanswerableHedgedFloor);
        Assert.True(breaches.Count == 0, string.Join(Environment.NewLine, breaches));
    }
}
