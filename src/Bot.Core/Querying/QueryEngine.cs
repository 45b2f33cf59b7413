using System.Diagnostics;
using System.Globalization;
using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Feedback;
using Bot.Core.Operations;
using Bot.Core.Text;

namespace Bot.Core.Querying;

/// <summary>
/// Answers every command from one fact-base snapshot. Pure, synchronous and in memory: "no match" and bad input are
/// answers, never exceptions.
/// </summary>
/// <remarks>
/// <see cref="AnswerAsync"/> is the adapters' way in: it also applies the host's rate limits (when an
/// <see cref="IRequestLimiter"/> is given) and records <see cref="BotMetrics"/>.
/// </remarks>
public sealed class QueryEngine(
    IFactStore store,
    IFactAdmin? admin = null,
    IFeedbackStore? feedback = null,
    BotMetrics? metrics = null,
    IRequestLimiter? limiter = null,
    Freshness? freshness = null)
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

    public Answer Answer(BotRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var facts = store.Current; // one snapshot for the whole answer
        var language = request.Language;
        var command = CommandCatalog.Find(request.Command);
        if (command is null)
        {
            return UsageError(facts, language, BotText.Format(BotText.UnknownCommand, language, request.Command), null);
        }

        if (request.Option(SourcesView.Option) is { } origin)
        {
            return SourcesView.Run(facts, command, request, origin, Freshness, Answer);
        }

        var error = CheckOptions(command, request, language);
        if (error is not null)
        {
            return UsageError(facts, language, error, command);
        }

        return !CachesAnswers || command.Name is CommandCatalog.Facts or CommandCatalog.Report
            ? Run(facts, command, request, language)
            : _cache.GetOrAdd(facts, Freshness.Today, command.Name, request, () => Run(facts, command, request, language));
    }

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
    /// Answers any command, including those that write to or read from the feedback store (<c>/report</c>,
    /// <c>/facts reports|resolve|gaps</c>), and counts the questions the bot could not answer. Adapters call this.
    /// </summary>
    public async Task<Answer> AnswerAsync(BotRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var moderating = request.IsModerator && CommandCatalog.Find(request.Command)?.ModeratorOnly == true; // never slowed down
        var answer = !moderating && limiter?.TryAcquire(request) is { } refusal
            ? SlowDown(store.Current, request.Language, refusal)
            : await AnswerAndCountAsync(request, cancellationToken);
        metrics?.Answered(request.Platform, CommandCatalog.Find(request.Command)?.Name ?? "unknown", answer.Kind, Stopwatch.GetElapsedTime(started));
        return answer;
    }

    private async Task<Answer> AnswerAndCountAsync(BotRequest request, CancellationToken cancellationToken)
    {
        var facts = store.Current;
        var language = request.Language;
        var command = CommandCatalog.Find(request.Command);
        var usesStore = command?.Name == CommandCatalog.Report
            || (command?.Name == CommandCatalog.Facts && FactsQuery.Action(request) is "reports" or "resolve" or "gaps");
        if (command is null || !usesStore)
        {
            var answer = Answer(request);
            await CountIfUnansweredAsync(request, answer, cancellationToken);
            return answer;
        }

        if (CheckOptions(command, request, language) is { } error)
        {
            return UsageError(facts, language, error, command);
        }

        if (command.ModeratorOnly && FactsQuery.Refusal(facts, request) is { } refusal)
        {
            return refusal;
        }

        if (feedback is null)
        {
            return UsageError(facts, language, BotText.StorageUnavailable.For(language), command);
        }

        return command.Name == CommandCatalog.Report
            ? await FeedbackQuery.ReportAsync(facts, request, feedback, cancellationToken)
            : await FeedbackQuery.ModeratorAsync(facts, request, FactsQuery.Action(request), feedback, cancellationToken);
    }

    private static Answer SlowDown(FactBase facts, string language, RateLimitRefusal refusal) => new()
    {
        Kind = AnswerKind.RateLimited,
        Title = BotText.SlowDownTitle.For(language),
        Body = BotText.Format(
            refusal.Scope == RateLimitScope.User ? BotText.SlowDownUser : BotText.SlowDownChannel,
            language,
            Math.Max(1, (int)Math.Ceiling(refusal.RetryAfter.TotalSeconds))),
        Footer = Footer(facts, language),
        Language = language,
    };

    /// <summary>
    /// Counts a question the bot could not answer, so moderators see what to add next. Best effort: a database outage
    /// must not cost the asker the answer, so a failure to count is not passed on.
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

        try
        {
            await feedback.RecordUnansweredAsync(asked, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Deliberately not rethrown (see summary); the store reports its own failures in its log.
        }
    }

    /// <summary>Parses the text form and answers it; a parse failure is a usage answer.</summary>
    public Answer Answer(string text, string locale = BotLanguage.English)
    {
        var parsed = TextCommandParser.Parse(text, locale);
        return parsed.Request is not null
            ? Answer(parsed.Request)
            : UsageError(store.Current, BotLanguage.Normalize(locale), parsed.Error ?? "", parsed.Command);
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

    /// <summary>The first sentence of a summary, for one-line list entries.</summary>
    internal static string FirstSentence(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        for (var i = 3; i + 2 < flat.Length; i++)
        {
            // ". X" ends a sentence, unless the full stop closes an initial or an abbreviation such as "U.S." or "J.".
            var endsSentence = flat[i] == '.' && flat[i + 1] == ' ' && char.IsUpper(flat[i + 2]);
            var closesInitial = char.IsUpper(flat[i - 1]) && (flat[i - 2] is ' ' or '.');
            if (endsSentence && !closesInitial)
            {
                return flat[..(i + 1)];
            }
        }

        return flat;
    }

    /// <summary>The answer for a name that did not resolve to exactly one item.</summary>
    internal static Answer Unresolved<T>(FactBase facts, string language, string typed, NameMatch<T> match, Func<T, Suggestion> suggest, LocalizedText notFoundTitle, LocalizedText notFoundBody)
        where T : class
    {
        var ambiguous = match.Kind == NameMatchKind.Ambiguous;
        return new Answer
        {
            Kind = ambiguous ? AnswerKind.Ambiguous : AnswerKind.NotFound,
            Title = BotText.Format(ambiguous ? BotText.AmbiguousTitle : notFoundTitle, language, Trim(typed, 60)),
            Body = (ambiguous ? BotText.AmbiguousBody : notFoundBody).For(language),
            Suggestions = [.. match.Items.Take(10).Select(suggest)],
            Footer = Footer(facts, language),
            Language = language,
        };
    }

    internal static string Trim(string text, int max)
    {
        var folded = text.ReplaceLineEndings(" ").Trim();
        return folded.Length <= max ? folded : folded[..(max - 1)].TrimEnd() + "…";
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

    internal static bool MatchesWords(string folded, IReadOnlyList<string> words) =>
        words.All(w => (" " + folded + " ").Contains(" " + w, StringComparison.Ordinal));

    internal static string[] KeywordTokens(string? keyword) =>
        [.. TextFolding.Tokens(keyword).Where(t => t.Length > 1).Distinct(StringComparer.Ordinal)];
}
