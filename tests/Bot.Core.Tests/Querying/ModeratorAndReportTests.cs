using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Feedback;
using Bot.Core.Loading;
using Bot.Core.Querying;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Querying;

public sealed class ModeratorAndReportTests
{
    private sealed class MemoryFeedback : IFeedbackStore
    {
        public List<CommunityReport> Reports { get; } = [];

        public Dictionary<string, int> Misses { get; } = [];

        public Task<long> AddReportAsync(string text, string? about, string platform, CancellationToken ct)
        {
            Reports.Add(new CommunityReport(Reports.Count + 1, text, about, platform, DateTimeOffset.UnixEpoch, null, null));
            return Task.FromResult((long)Reports.Count);
        }

        public Task<IReadOnlyList<CommunityReport>> OpenReportsAsync(int limit, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<CommunityReport>>([.. Reports.Where(r => !r.IsResolved).Reverse().Take(limit)]);

        public Task<bool> ResolveReportAsync(long id, string? note, CancellationToken ct)
        {
            var index = Reports.FindIndex(r => r.Id == id && !r.IsResolved);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            Reports[index] = Reports[index] with { ResolvedAt = DateTimeOffset.UnixEpoch, ResolutionNote = note };
            return Task.FromResult(true);
        }

        /// <summary>When set, counting a miss waits for it: a slow database.</summary>
        public TaskCompletionSource? Gate { get; init; }

        public async Task RecordUnansweredAsync(string question, CancellationToken ct)
        {
            if (Gate is not null)
            {
                await Gate.Task;
            }

            var key = QuestionNormalizer.Normalize(question);
            Misses[key] = Misses.GetValueOrDefault(key) + 1;
        }

        public Task<IReadOnlyList<UnansweredQuestion>> TopUnansweredAsync(int limit, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<UnansweredQuestion>>([.. Misses.OrderByDescending(m => m.Value).Take(limit)
                .Select(m => new UnansweredQuestion(m.Key, m.Value, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch))]);
    }

    private sealed class FakeAdmin : IFactAdmin
    {
        public int Reloads { get; private set; }

        public FactAdminStatus Status() => new(TestFacts.Good, "facts", [], Reloaded: false);

        public FactAdminStatus Reload()
        {
            Reloads++;
            return new(TestFacts.Good, "facts", [new FactIssue("facts/people/x.yaml", 3, 5, FactIssueSeverity.Error, "unknown key 'y'")], Reloaded: false);
        }

        public FactLoadReport Check() => new(TestFacts.Good, [new FactIssue("facts/people/x.yaml", 9, 1, FactIssueSeverity.Warning, "not reviewed since 2024-01-01")]);
    }

    private static (QueryEngine Engine, MemoryFeedback Feedback, FakeAdmin Admin) Create()
    {
        var feedback = new MemoryFeedback();
        var admin = new FakeAdmin();
        return (new QueryEngine(new FixedFactStore(TestFacts.Good), admin, feedback), feedback, admin);
    }

    private static BotRequest Request(string text, bool moderator = false) =>
        TextCommandParser.Parse(text).Request! with { IsModerator = moderator, Platform = "discord" };

    [Fact]
    public async Task A_report_is_stored_and_answered_privately_with_its_receipt_number()
    {
        var (engine, feedback, _) = Create();

        var answer = await engine.AnswerAsync(Request("/report the OAS date is wrong about:jeri"));

        Assert.Equal("Report #1 received", answer.Title);
        Assert.True(answer.IsPrivate);
        var stored = Assert.Single(feedback.Reports);
        Assert.Equal("the OAS date is wrong", stored.Text);
        Assert.Equal("jose-jeri", stored.About);
        Assert.Equal("discord", stored.Platform);
    }

    [Fact]
    public async Task Moderators_see_open_reports_and_resolve_them_with_a_note()
    {
        var (engine, _, _) = Create();
        await engine.AnswerAsync(Request("/report first"));
        await engine.AnswerAsync(Request("/report second"));

        var open = await engine.AnswerAsync(Request("/facts reports", moderator: true));
        Assert.Equal(["second", "first"], open.Sections.Single().Lines.Select(l => l.Text));

        var resolved = await engine.AnswerAsync(Request("/facts resolve 1 fixed in events", moderator: true));
        Assert.Equal("Report #1 resolved", resolved.Title);
        Assert.Equal("fixed in events", resolved.Body);
        Assert.Equal(["second"], (await engine.AnswerAsync(Request("/facts reports", moderator: true))).Sections.Single().Lines.Select(l => l.Text));
        Assert.Equal(AnswerKind.UsageError, (await engine.AnswerAsync(Request("/facts resolve 1", moderator: true))).Kind);
    }

    [Fact]
    public async Task Unanswered_questions_are_counted_under_one_key_and_listed_for_moderators()
    {
        var (engine, feedback, _) = Create();

        await engine.AnswerAsync(new BotRequest(CommandCatalog.Ask, new Dictionary<string, string> { ["question"] = "¿Cuál es la capital de Bolivia?" }));
        await engine.AnswerAsync(new BotRequest(CommandCatalog.Ask, new Dictionary<string, string> { ["question"] = "cual es la capital de bolivia" }));
        await engine.AnswerAsync(Request("/who betssy chavez"));

        Assert.Equal(2, Assert.Single(feedback.Misses).Value);
        var gaps = await engine.AnswerAsync(Request("/facts gaps", moderator: true));
        Assert.StartsWith("×2", gaps.Sections.Single().Lines.Single().Label, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_asker_never_waits_for_a_slow_database_to_count_a_miss_and_moderators_still_see_it()
    {
        var feedback = new MemoryFeedback { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var log = new UnansweredQuestionLog(feedback);
        var engine = new QueryEngine(new FixedFactStore(TestFacts.Good), new FakeAdmin(), feedback, unanswered: log);

        var answer = await engine.AnswerAsync(new BotRequest(CommandCatalog.Ask, new Dictionary<string, string> { ["question"] = "¿Cuál es la capital de Bolivia?" }))
            .WaitAsync(TimeSpan.FromSeconds(10)); // the store is blocked: awaiting it here would never finish

        Assert.Equal(AnswerKind.NotFound, answer.Kind);
        Assert.Empty(feedback.Misses);
        var gaps = engine.AnswerAsync(Request("/facts gaps", moderator: true));
        Assert.False(gaps.IsCompleted); // the list waits for the questions asked before it
        feedback.Gate.SetResult();
        Assert.StartsWith("×1", (await gaps).Sections.Single().Lines.Single().Label, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/facts status")]
    [InlineData("/facts reload")]
    [InlineData("/facts reports")]
    [InlineData("/facts gaps")]
    public async Task Anyone_who_is_not_a_moderator_is_refused_politely_and_nothing_happens(string command)
    {
        var (engine, _, admin) = Create();

        var answer = await engine.AnswerAsync(Request(command, moderator: false));

        Assert.Equal("Only moderators can do that", answer.Title);
        Assert.True(answer.IsPrivate);
        Assert.Equal(0, admin.Reloads);
    }

    [Fact]
    public async Task A_moderator_sees_status_reload_diagnostics_and_check_warnings()
    {
        var (engine, _, admin) = Create();

        var status = await engine.AnswerAsync(Request("/facts status", moderator: true));
        Assert.Contains(status.Fields, f => f.Name == "Version" && f.Value == TestFacts.Good.Version);

        var reload = await engine.AnswerAsync(Request("/facts reload", moderator: true));
        Assert.Equal(1, admin.Reloads);
        Assert.Equal("facts/people/x.yaml:3:5: error: unknown key 'y'", reload.Sections.Single().Lines.Single().Text);

        var check = await engine.AnswerAsync(Request("/facts check", moderator: true));
        Assert.Equal("0 error(s), 1 warning(s) in the folder as it is now.", check.Body);
    }

    [Fact]
    public void Without_a_feedback_store_a_report_says_reports_are_unavailable()
    {
        var answer = TestFacts.Engine().Answer("/report something");

        Assert.Equal(AnswerKind.UsageError, answer.Kind);
    }
}
