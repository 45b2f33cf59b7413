using System.Diagnostics;
using System.Globalization;
using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Feedback;
using Bot.Core.Loading;
using Bot.Core.Operations;
using Bot.Core.Text;

namespace Bot.Core.Querying;

/// <summary>
/// Answers every command from one fact-base snapshot. "No match" and bad input are answers, never exceptions.
/// </summary>
/// <remarks>
/// <see cref="AnswerAsync"/> is the one way the adapters get an answer, whatever produced the request (a slash
/// command, a suggested command's button, a Previous/Next button) and however it arrived: validate → rate limit (when
/// an <see cref="IRequestLimiter"/> is given) → answer (reading or writing the feedback store where the command needs
/// it) → count (<see cref="BotMetrics"/>, and the questions the fact base could not answer). <see cref="Answer(BotRequest)"/>
/// is only the pure, in-memory answering step, for the command line, tests and benchmarks.
/// </remarks>
public sealed class QueryEngine(
    IFactStore store,
    IFactAdmin? admin = null,
    IFeedbackStore? feedback = null,
    BotMetrics? metrics = null,
    IRequestLimiter? limiter = null,
    Freshness? freshness = null,
    UnansweredQuestionLog? unanswered = null)
{
    public const int TimelinePageSize = 3;
    public const int PositionsPageSize = 2;
    public const int QuotePageSize = 4;
    public const int SourcesPageSize = 12;
    public const int MaxAutocompleteChoices = 25;

    /// <summary>List lines cite their first (best) sources only; the full list is one /who or /sources away.</summary>
    public const int MaxCitationsPerLine = 3;

    private readonly AnswerCache _cache = new();

    /// <summary>Today's date and the staleness limit that present-tense answers are dated against.</summary>
    internal Freshness Freshness { get; } = freshness ?? Freshness.Default;

    /// <summary>Off in the benchmarks, which measure the work of answering, not a cache hit.</summary>
    internal bool CachesAnswers { get; init; } = true;

    /// <summary>
    /// The answering pipeline: validate → rate limit → answer → count. Answers any command, including those that write
    /// to or read from the feedback store (<c>/report</c>, <c>/facts reports|resolve|gaps</c>). Adapters call this.
    /// </summary>
    public async Task<Answer> AnswerAsync(BotRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var facts = store.Current; // one snapshot for the whole answer
        var command = CommandCatalog.Find(request.Command);
        var answer = Validate(facts, request, command)
            ?? await LimitAsync(facts, request, command!, cancellationToken)
            ?? await RunAsync(facts, command!, request, cancellationToken);
        metrics?.Answered(request.Platform, command?.Name ?? "unknown", answer.Kind, Stopwatch.GetElapsedTime(started));
        await CountIfUnansweredAsync(request, answer, cancellationToken);
        return answer;
    }

    /// <summary>
    /// Only the answering step, in memory: no rate limits, no metrics, no feedback store (<c>/report</c> answers that
    /// storage is unavailable). For the command line, tests and benchmarks; adapters use <see cref="AnswerAsync"/>.
    /// </summary>
    public Answer Answer(BotRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var facts = store.Current; // one snapshot for the whole answer
        var command = CommandCatalog.Find(request.Command);
        return Validate(facts, request, command) ?? Compute(facts, command!, request);
    }

    /// <summary>Parses the text form and answers it (<see cref="Answer(BotRequest)"/>); a parse failure is a usage answer.</summary>
    public Answer Answer(string text, string locale = BotLanguage.English) => Answer(TextCommandParser.Parse(text, locale).ToRequest(locale));

    /// <summary>Step 1: the usage answer for a request that did not parse, names no command or has bad options; else null.</summary>
    private static Answer? Validate(FactBase facts, BotRequest request, CommandDefinition? command)
    {
        var language = request.Language;
        if (request.ParseError is { } parseError)
        {
            return UsageError(facts, language, parseError, command);
        }

        if (command is null)
        {
            return UsageError(facts, language, BotText.Format(BotText.UnknownCommand, language, request.Command), null);
        }

        // "All sources" re-answers the original command privately; its options are checked when it is re-asked.
        if (request.Option(SourcesView.Option) is not null)
        {
            return null;
        }

        return CheckOptions(command, request, language) is { } error ? UsageError(facts, language, error, command) : null;
    }

    /// <summary>Step 2: "slow down" when the asker is over a limit; a moderator managing the facts is never slowed down.</summary>
    private async ValueTask<Answer?> LimitAsync(FactBase facts, BotRequest request, CommandDefinition command, CancellationToken cancellationToken)
    {
        if (limiter is null || (request.IsModerator && command.ModeratorOnly) || await limiter.TryAcquireAsync(request, cancellationToken) is not { } refusal)
        {
            return null;
        }

        var text = refusal.Scope switch
        {
            RateLimitScope.Channel => BotText.SlowDownChannel,
            RateLimitScope.Paging => BotText.SlowDownPaging,
            _ => BotText.SlowDownUser,
        };
        return new Answer
        {
            Kind = AnswerKind.RateLimited,
            Title = BotText.SlowDownTitle.For(request.Language),
            Body = BotText.Format(text, request.Language, Math.Max(1, (int)Math.Ceiling(refusal.RetryAfter.TotalSeconds))),
            Footer = Footer(facts, request.Language),
            Language = request.Language,
        };
    }

    /// <summary>Step 3: the answer, from memory or, for the commands that need it, from the feedback store.</summary>
    private async Task<Answer> RunAsync(FactBase facts, CommandDefinition command, BotRequest request, CancellationToken cancellationToken)
    {
        var usesStore = command.Name == CommandCatalog.Report
            || (command.Name == CommandCatalog.Facts && FactsQuery.Action(request) is "reports" or "resolve" or "gaps");
        if (!usesStore)
        {
            return Compute(facts, command, request);
        }

        if (command.ModeratorOnly && FactsQuery.Refusal(facts, request) is { } refusal)
        {
            return refusal;
        }

        if (feedback is null)
        {
            return UsageError(facts, request.Language, BotText.StorageUnavailable.For(request.Language), command);
        }

        return command.Name == CommandCatalog.Report
            ? await FeedbackQuery.ReportAsync(facts, request, feedback, cancellationToken)
            : await FeedbackQuery.ModeratorAsync(facts, request, FactsQuery.Action(request), feedback, unanswered, cancellationToken);
    }

    private Answer Compute(FactBase facts, CommandDefinition command, BotRequest request) =>
        request.Option(SourcesView.Option) is { } origin
            ? SourcesView.Run(facts, command, request, origin, Freshness, Answer)
            : !CachesAnswers || command.Name is CommandCatalog.Facts or CommandCatalog.Report
            ? Run(facts, command, request, request.Language)
            : _cache.GetOrAdd(facts, Freshness.Today, command.Name, request, () => Run(facts, command, request, request.Language));

    private Answer Run(FactBase facts, CommandDefinition command, BotRequest request, string language) =>
        SourcesView.WithButton(RunCommand(facts, command, request, language), command.Name, request);

    private Answer RunCommand(FactBase facts, CommandDefinition command, BotRequest request, string language) =>
        command.Name switch
        {
            CommandCatalog.Ask => AskQuery.Run(facts, request, Freshness),
            CommandCatalog.Who => WhoQuery.Run(facts, request, Freshness),
            CommandCatalog.Timeline => TimelineQuery.Run(facts, request),
            CommandCatalog.Quote => QuoteQuery.Run(facts, request),
            CommandCatalog.Sources => SourcesQuery.Run(facts, request),
            CommandCatalog.Positions => PositionsQuery.Run(facts, request),
            CommandCatalog.Facts => FactsQuery.Run(facts, request, admin),
            CommandCatalog.Report => UsageError(facts, language, BotText.StorageUnavailable.For(language), command),
            CommandCatalog.Help => HelpQuery.Run(facts, request),
            _ => throw new System.Diagnostics.UnreachableException($"Command '{command.Name}' is in the catalog but has no query."),
        };

    /// <summary>
    /// Step 4, with the metrics: counts a question the bot could not answer, so moderators see what to add next. Best
    /// effort: a database outage must not cost the asker the answer, so a failure to count is not passed on.
    /// </summary>
    private async Task CountIfUnansweredAsync(BotRequest request, Answer answer, CancellationToken cancellationToken)
    {
        if (feedback is null || answer.Kind != AnswerKind.NotFound
            || request.Command is not (CommandCatalog.Ask or CommandCatalog.Who or CommandCatalog.Quote or CommandCatalog.Positions))
        {
            return;
        }

        var asked = request.Command == CommandCatalog.Ask ? request.Option("question") : TextCommandParser.Format(request);
        if (string.IsNullOrWhiteSpace(asked))
        {
            return;
        }

        if (unanswered is not null)
        {
            unanswered.Add(asked); // written in the background: the asker does not wait for the database
            return;
        }

        try
        {
            await feedback.RecordUnansweredAsync(asked, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Deliberately not rethrown (see summary); the store reports its own failures in its log.
        }
    }

    /// <summary>Choices for an option being typed (people and topics), best first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<Suggestion> Autocomplete(string command, string option, string? typed, int limit = MaxAutocompleteChoices)
    {
        var kind = CommandCatalog.Find(command)?.Option(option)?.Kind;
        var facts = store.Current;
        limit = Math.Clamp(limit, 0, MaxAutocompleteChoices);
        return kind switch
        {
            OptionKind.Person => [.. facts.PeopleIndex.Complete(typed, limit).Select(p => new Suggestion(p.Name, p.Id))],
            OptionKind.Topic => [.. facts.TopicIndex.Complete(typed, limit).Select(t => new Suggestion(t.Name, t.Id))],
            OptionKind.FactTarget => FactsQuery.CompleteTarget(facts, typed, limit),
            _ => [],
        };
    }

    internal static string? CheckOptions(CommandDefinition command, BotRequest request, string language)
    {
        foreach (var (name, value) in request.Options)
        {
            var option = command.Option(name);
            if (option is null)
            {
                return BotText.Format(BotText.UnknownOption, language, command.Name, name);
            }

            if (value.Length > option.MaxLength)
            {
                return BotText.Format(BotText.TooLong, language, name, option.MaxLength);
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (option.Choices.Count > 0 && !option.Choices.Contains(value.Trim().Split(' ')[0].ToLowerInvariant()))
            {
                return BotText.Format(BotText.NotAChoice, language, name, value.Trim().Split(' ')[0], string.Join(", ", option.Choices));
            }

            switch (option.Kind)
            {
                case OptionKind.Date when !PartialDate.TryParse(value, out _):
                    return BotText.Format(BotText.BadDate, language, name, value);
                case OptionKind.Number when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                                            || number < option.MinValue || number > option.MaxValue:
                    return BotText.Format(BotText.BadInteger, language, name, value, option.MinValue, option.MaxValue);
            }
        }

        var missing = command.Options.FirstOrDefault(o => o.Required && request.Option(o.Name) is null);
        return missing is null ? null : BotText.Format(BotText.MissingOption, language, command.Name, missing.Usage, command.Usage);
    }

    internal static Answer UsageError(FactBase facts, string language, string message, CommandDefinition? command)
    {
        var suggestions = command is not null
            ? [new Suggestion($"/help {command.Name}", $"/help {command.Name}"), .. command.Examples.Take(2).Select(e => new Suggestion(e, e))]
            : new List<Suggestion> { new("/help", "/help") };
        return new Answer
        {
            Kind = AnswerKind.UsageError,
            Title = BotText.UsageTitle.For(language),
            Body = message,
            Suggestions = suggestions,
            Footer = Footer(facts, language),
            Language = language,
        };
    }

    /// <summary>
    /// How far the base reaches (its newest event) and when a curator last checked it, so no reader takes the date of
    /// a check for the date of the news.
    /// </summary>
    internal static string Footer(FactBase facts, string language) => (facts.Events.Count > 0 ? facts.Events[^1].Date : (PartialDate?)null, facts.AsOf) switch
    {
        ({ } latest, { } checkedOn) => BotText.Format(BotText.Footer, language, facts.Version, latest.ToDisplayString(language), PartialDate.FromDate(checkedOn).ToDisplayString(language)),
        ({ } latest, null) => BotText.Format(BotText.FooterUnchecked, language, facts.Version, latest.ToDisplayString(language)),
        _ => BotText.Format(BotText.FooterEmpty, language, facts.Version),
    };

    /// <summary>The answer for a name that did not resolve to exactly one item.</summary>
    internal static Answer Unresolved<T>(FactBase facts, string language, string typed, NameMatch<T> match, Func<T, Suggestion> suggest, LocalizedText notFoundTitle, LocalizedText notFoundBody)
        where T : class
    {
        var ambiguous = match.Kind == NameMatchKind.Ambiguous;
        return new Answer
        {
            Kind = ambiguous ? AnswerKind.Ambiguous : AnswerKind.NotFound,
            Title = BotText.Format(ambiguous ? BotText.AmbiguousTitle : notFoundTitle, language, TextSnippets.Trim(typed, 60)),
            Body = (ambiguous ? BotText.AmbiguousBody : notFoundBody).For(language),
            Suggestions = [.. match.Items.Take(10).Select(suggest)],
            Footer = Footer(facts, language),
            Language = language,
        };
    }

    internal static int Page(BotRequest request) =>
        int.TryParse(request.Option("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? page : 1;

    internal static string PersonLabel(Person person, string language)
    {
        var role = person.Roles.OrderByDescending(r => r.StartsOn).FirstOrDefault();
        if (role is null)
        {
            return person.Name;
        }

        // A label has no room for an as-of date, so a role still held reads "since 2026", never "present".
        var from = role.From?.Year.ToString(CultureInfo.InvariantCulture);
        var span = role.To is { } end
            ? (from is null || from == end.Year.ToString(CultureInfo.InvariantCulture) ? end.Year.ToString(CultureInfo.InvariantCulture) : $"{from} – {end.Year}")
            : from is null ? null : BotText.Format(BotText.Since, language, from);
        return span is null ? $"{person.Name} — {role.Title(language)}" : $"{person.Name} — {role.Title(language)} ({span})";
    }

    /// <summary>
    /// When a role was held. A role with an end date is a plain span. A role still held is a claim about the present,
    /// so it says how current that is: as of its newest source, and with the end the sources announced (an interim
    /// term) — once that date has passed, that the base knows nothing later.
    /// </summary>
    internal static string RoleSpan(FactBase facts, Role role, string language, Freshness freshness)
    {
        var from = role.From?.ToDisplayString(language) ?? "…";
        if (role.To is { } end)
        {
            return $"{from} – {end.ToDisplayString(language)}";
        }

        if (role.ScheduledTo is { } scheduled && scheduled.End < freshness.Today)
        {
            return $"{from} – {BotText.Format(BotText.ScheduledEndPassed, language, scheduled.ToDisplayString(language))}";
        }

        var asOf = Freshness.NewestSource(facts, role.Sources);
        var note = (asOf, role.ScheduledTo) switch
        {
            ({ } a, { } s) => BotText.Format(BotText.AsOfScheduled, language, a.ToDisplayString(language), s.ToDisplayString(language)),
            ({ } a, null) => BotText.Format(BotText.AsOfLower, language, a.ToDisplayString(language)),
            (null, { } s) => BotText.Format(BotText.ScheduledEnd, language, s.ToDisplayString(language)),
            _ => null,
        };
        return note is null ? $"{from} – {BotText.Present.For(language)}" : $"{from} – {BotText.Present.For(language)} ({note})";
    }

    /// <summary>True when the role is still held and its announced end has not passed.</summary>
    internal static bool IsHeld(Role role, Freshness freshness) =>
        role.IsCurrent && (role.ScheduledTo is not { } scheduled || scheduled.End >= freshness.Today);
}
