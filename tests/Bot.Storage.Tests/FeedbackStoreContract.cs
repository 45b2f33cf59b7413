using Bot.Core.Editing;
using Bot.Core.Feedback;
using Bot.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Storage.Tests;

/// <summary>
/// The one contract every <see cref="IFeedbackStore"/> keeps. Each subclass says how to open a store on its own fresh
/// location (a folder, a schema); every store opened within one test shares that location, as after a restart or on
/// another replica.
/// </summary>
public abstract class FeedbackStoreContract : IAsyncLifetime
{
    private readonly List<IFeedbackStore> _open = [];

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

    /// <summary>Cancels after two minutes, so a hung database fails the test instead of the run.</summary>
    protected CancellationToken Ct { get; } = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    /// <summary>A new store object on this test's location.</summary>
    protected abstract Task<IFeedbackStore> CreateStoreAsync(TimeProvider time);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _open.ToArray())
        {
            await CloseAsync(store);
        }
    }

    [ContractFact]
    public async Task Each_report_gets_a_larger_receipt_number()
    {
        var store = await OpenAsync();

        var first = await store.AddReportAsync("Falta la fecha de la ruptura", null, "discord", Ct);
        var second = await store.AddReportAsync("El cargo de Jerí está mal", "José Jerí", "slack", Ct);
        var third = await store.AddReportAsync("Otra cosa", null, "discord", Ct);

        Assert.True(first > 0);
        Assert.True(second > first);
        Assert.True(third > second);
    }

    [ContractFact]
    public async Task Open_reports_are_listed_newest_first_with_what_was_stored()
    {
        var store = await OpenAsync();
        var older = await store.AddReportAsync("  Falta la fecha  ", null, "discord", Ct);
        var olderAt = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromMinutes(5));
        var newer = await store.AddReportAsync("El cargo está mal", " José Jerí ", "slack", Ct);
        var newerAt = Clock.GetUtcNow();

        var reports = await store.OpenReportsAsync(10, Ct);

        Assert.Equal(
            [
                new CommunityReport(newer, "El cargo está mal", "José Jerí", "slack", newerAt, null, null),
                new CommunityReport(older, "Falta la fecha", null, "discord", olderAt, null, null),
            ],
            reports);
        Assert.Equal([newer], (await store.OpenReportsAsync(1, Ct)).Select(r => r.Id));
    }

    [ContractFact]
    public async Task A_resolved_report_leaves_the_open_list_once()
    {
        var store = await OpenAsync();
        var first = await store.AddReportAsync("uno", null, "discord", Ct);
        var second = await store.AddReportAsync("dos", null, "discord", Ct);
        Clock.Advance(TimeSpan.FromHours(1));

        Assert.True(await store.ResolveReportAsync(first, "Corregido en facts/people", Ct));
        Assert.False(await store.ResolveReportAsync(first, "otra vez", Ct));
        Assert.True(await store.ResolveReportAsync(second, null, Ct));

        Assert.Empty(await store.OpenReportsAsync(10, Ct));
    }

    [ContractFact]
    public async Task Resolving_an_unknown_report_returns_false()
    {
        var store = await OpenAsync();
        Assert.False(await store.ResolveReportAsync(1, null, Ct));

        var id = await store.AddReportAsync("uno", null, "discord", Ct);

        Assert.False(await store.ResolveReportAsync(id + 1000, "nope", Ct));
        Assert.False(await store.ResolveReportAsync(-1, null, Ct));
        Assert.Single(await store.OpenReportsAsync(10, Ct));
    }

    [ContractFact]
    public async Task Unanswered_questions_are_counted_with_first_and_last_seen()
    {
        var store = await OpenAsync();
        var first = Clock.GetUtcNow();
        await store.RecordUnansweredAsync("quien es el canciller", Ct);
        Clock.Advance(TimeSpan.FromMinutes(3));
        await store.RecordUnansweredAsync("cuando fue la ruptura", Ct);
        Clock.Advance(TimeSpan.FromMinutes(7));
        var last = Clock.GetUtcNow();
        await store.RecordUnansweredAsync("quien es el canciller", Ct);

        var top = await store.TopUnansweredAsync(10, Ct);

        Assert.Equal(
            [
                new UnansweredQuestion("quien es el canciller", 2, first, last),
                new UnansweredQuestion("cuando fue la ruptura", 1, first.AddMinutes(3), first.AddMinutes(3)),
            ],
            top);
    }

    [ContractFact]
    public async Task Variants_of_one_question_count_as_one_and_empty_ones_are_ignored()
    {
        var store = await OpenAsync();

        await store.RecordUnansweredAsync("¿Quién es Jerí?", Ct);
        await store.RecordUnansweredAsync("quien es jeri", Ct);
        await store.RecordUnansweredAsync("  QUIÉN   ES\tJERÍ!!  ", Ct);
        await store.RecordUnansweredAsync(" ¿? ", Ct);

        var entry = Assert.Single(await store.TopUnansweredAsync(10, Ct));
        Assert.Equal(("quien es jeri", 3), (entry.NormalizedText, entry.Count));
    }

    [ContractFact]
    public async Task Top_unanswered_puts_the_most_asked_first_then_the_most_recent()
    {
        var store = await OpenAsync();
        await store.RecordUnansweredAsync("a", Ct);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await store.RecordUnansweredAsync("b", Ct);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await store.RecordUnansweredAsync("c", Ct);
        await store.RecordUnansweredAsync("c", Ct);

        Assert.Equal(["c", "b", "a"], (await store.TopUnansweredAsync(10, Ct)).Select(q => q.NormalizedText));
        Assert.Equal(["c", "b"], (await store.TopUnansweredAsync(2, Ct)).Select(q => q.NormalizedText));
    }

    [ContractFact]
    public async Task Everything_survives_a_restart()
    {
        var before = await OpenAsync();
        var kept = await before.AddReportAsync("sigue abierto", "Sheinbaum", "slack", Ct);
        var closed = await before.AddReportAsync("se resuelve", null, "discord", Ct);
        await before.ResolveReportAsync(closed, "hecho", Ct);
        await before.RecordUnansweredAsync("¿Qué dijo Sheinbaum?", Ct);
        await CloseAsync(before);

        var after = await OpenAsync();
        await after.RecordUnansweredAsync("que dijo sheinbaum", Ct);
        var next = await after.AddReportAsync("después del reinicio", null, "discord", Ct);

        Assert.Equal([next, kept], (await after.OpenReportsAsync(10, Ct)).Select(r => r.Id));
        Assert.True(next > closed);
        Assert.Equal(2, Assert.Single(await after.TopUnansweredAsync(10, Ct)).Count);
        Assert.False(await after.ResolveReportAsync(closed, null, Ct));
    }

    [ContractFact]
    public async Task Concurrent_writers_on_two_store_objects_lose_nothing()
    {
        const int Writers = 8;
        const int Each = 50;
        // two objects on one location stand for two replicas (or a restart racing the old process)
        var stores = await Task.WhenAll(OpenAsync(), OpenAsync());

        var reports = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var ids = new List<long>();
            for (var i = 0; i < Each; i++)
            {
                ids.Add(await stores[(w + i) % 2].AddReportAsync($"report {w}-{i}", null, "discord", Ct));
            }

            return ids;
        }));
        var questions = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < Each; i++)
            {
                await stores[(w + i + 1) % 2].RecordUnansweredAsync(i % 2 == 0 ? "¿Quién ganó?" : "quien gano", Ct);
            }
        }));
        var receipts = (await Task.WhenAll(reports)).SelectMany(ids => ids).ToList();
        await Task.WhenAll(questions);

        Assert.Equal(Writers * Each, receipts.Distinct().Count());
        var open = await stores[0].OpenReportsAsync(1000, Ct);
        Assert.Equal(receipts.Order(), open.Select(r => r.Id).Order());
        Assert.Equal(Writers * Each, open.Select(r => r.Text).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Writers * Each, Assert.Single(await stores[1].TopUnansweredAsync(10, Ct)).Count);
    }

    [ContractFact]
    public async Task Two_stores_starting_together_on_a_new_location_both_work()
    {
        var stores = await Task.WhenAll(OpenAsync(), OpenAsync(), OpenAsync());

        var ids = await Task.WhenAll(stores.Select((s, i) => s.AddReportAsync($"r{i}", null, "discord", Ct)));

        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(3, (await stores[2].OpenReportsAsync(10, Ct)).Count);
    }

    [ContractFact]
    public async Task Bad_input_is_refused_before_anything_is_stored()
    {
        var store = await OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.AddReportAsync("   ", null, "discord", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddReportAsync(new string('x', CommunityReport.MaxTextLength + 1), null, "discord", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddReportAsync("ok", new string('x', CommunityReport.MaxAboutLength + 1), "discord", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddReportAsync("ok", null, " ", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ResolveReportAsync(1, new string('x', CommunityReport.MaxNoteLength + 1), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.OpenReportsAsync(0, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.TopUnansweredAsync(-1, Ct));

        Assert.Empty(await store.OpenReportsAsync(10, Ct));
        var longest = await store.AddReportAsync(new string('x', CommunityReport.MaxTextLength), null, "discord", Ct);
        Assert.Equal(CommunityReport.MaxTextLength, Assert.Single(await store.OpenReportsAsync(10, Ct), r => r.Id == longest).Text.Length);
    }

    [ContractFact]
    public async Task Retention_deletes_questions_not_asked_for_90_days_and_reports_resolved_a_year_ago_and_keeps_the_rest()
    {
        var store = await OpenAsync();
        var maintenance = (IFeedbackMaintenance)store;
        await store.RecordUnansweredAsync("quien es el canciller", Ct);
        await store.RecordUnansweredAsync("cuando fue la ruptura", Ct);
        var resolvedLongAgo = await store.AddReportAsync("uno", null, "discord", Ct);
        var open = await store.AddReportAsync("dos", null, "discord", Ct);
        var resolvedLately = await store.AddReportAsync("tres", null, "slack", Ct);
        Assert.True(await store.ResolveReportAsync(resolvedLongAgo, "hecho", Ct));
        Clock.Advance(TimeSpan.FromDays(300));
        await store.RecordUnansweredAsync("cuando fue la ruptura", Ct); // asked again: 66 days before the sweep
        Assert.True(await store.ResolveReportAsync(resolvedLately, null, Ct));
        Clock.Advance(TimeSpan.FromDays(66));

        Assert.Equal(new RetentionSweep(0, 0), await maintenance.SweepAsync(null, null, Ct)); // retention off: nothing goes
        var swept = await maintenance.SweepAsync(TimeSpan.FromDays(90), TimeSpan.FromDays(365), Ct);

        Assert.Equal(new RetentionSweep(UnansweredQuestions: 1, ResolvedReports: 1), swept);
        Assert.Equal(["cuando fue la ruptura"], (await store.TopUnansweredAsync(10, Ct)).Select(q => q.NormalizedText));
        Assert.Equal([open], (await store.OpenReportsAsync(10, Ct)).Select(r => r.Id)); // open reports are never deleted
        Assert.Equal(new RetentionSweep(0, 0), await maintenance.SweepAsync(TimeSpan.FromDays(90), TimeSpan.FromDays(365), Ct));
    }

    [ContractFact]
    public async Task Text_that_looks_like_sql_is_stored_as_text_and_runs_nothing()
    {
        var store = await OpenAsync();
        const string Hostile = "x'); DROP TABLE community_reports; --";

        var id = await store.AddReportAsync(Hostile, "'; DELETE FROM unanswered_questions; --", "discord", Ct);
        var stored = Assert.Single(await store.OpenReportsAsync(10, Ct));
        Assert.Equal((Hostile, "'; DELETE FROM unanswered_questions; --"), (stored.Text, stored.About)); // verbatim
        await store.RecordUnansweredAsync("quien'); DROP TABLE unanswered_questions; --", Ct);
        Assert.True(await store.ResolveReportAsync(id, "1; UPDATE community_reports SET text = 'pwned'", Ct));
        var second = await store.AddReportAsync("segundo", null, "slack", Ct);

        Assert.Equal([second], (await store.OpenReportsAsync(10, Ct)).Select(r => r.Id)); // both tables still work
        Assert.Single(await store.TopUnansweredAsync(10, Ct));
        Assert.Equal("segundo", Assert.Single(await store.OpenReportsAsync(10, Ct)).Text); // no UPDATE ran
    }

    [ContractFact]
    public async Task Fact_changes_made_from_chat_are_listed_newest_first_and_survive_a_restart()
    {
        var store = (IFactChangeLog)await OpenAsync();
        await store.RecordChangeAsync(new FactAuthor("Ana Moderadora", "discord", "53908232506183680"), "Add event 2026-03-01 Something (from Discord by Ana Moderadora)", null, Ct);
        var firstAt = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromMinutes(3));
        await store.RecordChangeAsync(new FactAuthor("Ben", "slack", "U123"), "Add source x (from Slack by Ben)", "abc1234", Ct);
        var secondAt = Clock.GetUtcNow();

        var reopened = (IFactChangeLog)await OpenAsync();
        var history = await reopened.RecentChangesAsync(20, Ct);

        Assert.Equal(
            [
                new FactHistoryEntry(secondAt, "Ben", "Add source x (from Slack by Ben)", "abc1234"),
                new FactHistoryEntry(firstAt, "Ana Moderadora", "Add event 2026-03-01 Something (from Discord by Ana Moderadora)", null),
            ],
            history);
        Assert.Single(await reopened.RecentChangesAsync(1, Ct));
    }

    protected async Task<IFeedbackStore> OpenAsync()
    {
        var store = await CreateStoreAsync(Clock);
        lock (_open)
        {
            _open.Add(store);
        }

        return store;
    }

    protected async Task CloseAsync(IFeedbackStore store)
    {
        lock (_open)
        {
            _open.Remove(store);
        }

        switch (store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
