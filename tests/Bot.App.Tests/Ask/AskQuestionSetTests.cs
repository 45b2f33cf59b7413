using System.Globalization;
using Bot.App.Tests.Support;
using Bot.Core.Answers;
using Bot.Core.Commands;
using Xunit.Abstractions;
using YamlDotNet.Serialization;

namespace Bot.App.Tests.Ask;

/// <summary>
/// The /ask question set: questions people would type, in English and Spanish, each with the facts a right answer
/// contains. Reports top-1 and top-3 accuracy, and checks that unanswerable questions get an honest "not sure".
/// </summary>
public sealed class AskQuestionSetTests(ITestOutputHelper output)
{
    private sealed class QuestionSet
    {
        public List<Item> Questions { get; set; } = [];
    }

    private sealed class Item
    {
        public string Q { get; set; } = "";
        public string Lang { get; set; } = "en";
        public List<string> Expect { get; set; } = [];
    }

    private static List<Item> Load()
    {
        var path = Path.Combine(Repo.Root, "tests", "Bot.App.Tests", "Ask", "questions.yaml");
        var set = new DeserializerBuilder().WithNamingConvention(YamlDotNet.Serialization.NamingConventions.CamelCaseNamingConvention.Instance).Build().Deserialize<QuestionSet>(File.ReadAllText(path));
        return set.Questions;
    }

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

    // The issue's targets are top-3 >= 95 % and top-1 >= 85 % with every unanswerable question answered "not sure".
    // Measured: top-1 89.5 %, top-3 97.2 % (143 answerable), 24 of 24 unanswerable answered "not sure". The floors sit
    // at that level so a change cannot make it worse.
    private const double Top3Floor = 0.97;
    private const double Top1Floor = 0.89;
    private const double HonestFloor = 1.0;

    [Fact]
    public void Answers_stay_at_or_above_the_measured_accuracy_and_honesty()
    {
        var engine = RealFacts.Engine();
        var questions = Load();
        var answerable = questions.Where(q => q.Expect.Count > 0).ToList();
        int top1 = 0, top3 = 0;
        var misses = new List<string>();
        foreach (var item in answerable)
        {
            var answer = engine.Answer(new BotRequest(CommandCatalog.Ask, new Dictionary<string, string> { ["question"] = item.Q }, item.Lang));
            var ids = answer.Kind == AnswerKind.Found ? answer.Sections.SelectMany(s => s.Lines).Select(l => l.FactId).ToList() : [];
            if (ids.Count > 0 && item.Expect.Contains(ids[0]!))
            {
                top1++;
            }
            else if (ids.Take(3).Any(id => item.Expect.Contains(id!)))
            {
                misses.Add($"NOT FIRST {item.Q} -> [{string.Join(", ", ids)}] expected [{string.Join(", ", item.Expect)}]");
            }

            if (ids.Take(3).Any(id => item.Expect.Contains(id!)))
            {
                top3++;
            }
            else
            {
                misses.Add($"MISS {item.Q} -> [{string.Join(", ", ids)}] ({answer.Kind}) expected [{string.Join(", ", item.Expect)}]");
            }
        }

        var honest = questions.Where(q => q.Expect.Count == 0)
            .Select(q => (q.Q, Kind: engine.Answer(new BotRequest(CommandCatalog.Ask, new Dictionary<string, string> { ["question"] = q.Q }, q.Lang)).Kind))
            .ToList();
        foreach (var (q, kind) in honest.Where(h => h.Kind != AnswerKind.NotFound))
        {
            misses.Add($"PRETENDED to answer: {q}");
        }

        var top1Rate = (double)top1 / answerable.Count;
        var top3Rate = (double)top3 / answerable.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{answerable.Count} answerable questions: top-1 {top1Rate:P1}, top-3 {top3Rate:P1}; {honest.Count(h => h.Kind == AnswerKind.NotFound)}/{honest.Count} unanswerable answered 'not sure'"));
        foreach (var miss in misses)
        {
            output.WriteLine(miss);
        }

        var honestRate = (double)honest.Count(h => h.Kind == AnswerKind.NotFound) / honest.Count;
        Assert.True(top3Rate >= Top3Floor, $"top-3 {top3Rate:P1} below {Top3Floor:P0}{Environment.NewLine}{string.Join(Environment.NewLine, misses)}");
        Assert.True(top1Rate >= Top1Floor, $"top-1 {top1Rate:P1} below {Top1Floor:P0}{Environment.NewLine}{string.Join(Environment.NewLine, misses)}");
        Assert.True(honestRate >= HonestFloor, $"only {honestRate:P0} of unanswerable questions got 'not sure'{Environment.NewLine}{string.Join(Environment.NewLine, misses)}");
    }
}
