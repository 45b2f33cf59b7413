using System.Diagnostics.Metrics;
using Bot.Core.Answers;

namespace Bot.Core.Operations;

/// <summary>
/// The bot's own metrics (meter <c>Bot</c>, created through the host's <see cref="IMeterFactory"/>): answers by
/// platform, command and outcome, questions it could not answer, answering time, fact-base reloads and requests
/// refused before they reached the core. Tags never carry user input, ids or secrets: only fixed vocabularies.
/// </summary>
public sealed class BotMetrics
{
    public const string MeterName = "Bot";

    public const string AnswersName = "bot.answers";
    public const string MissesName = "bot.misses";
    public const string AnswerDurationName = "bot.answer.duration";
    public const string ReloadsName = "bot.facts.reloads";
    public const string RejectedName = "bot.requests.rejected";

    /// <summary>Histogram buckets in seconds, from half a millisecond (a cached answer) to 10 s.</summary>
    private static readonly double[] SecondBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _answers;
    private readonly Counter<long> _misses;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _reloads;
    private readonly Counter<long> _rejected;

    public BotMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _answers = meter.CreateCounter<long>(AnswersName, "{answer}", "Commands answered, by platform, command and outcome");
        _misses = meter.CreateCounter<long>(MissesName, "{answer}", "Commands the fact base could not answer (not found or not confident), by platform and command");
        _duration = meter.CreateHistogram<double>(AnswerDurationName, "s", "Time the core took to answer a command, by platform and command",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondBuckets });
        _reloads = meter.CreateCounter<long>(ReloadsName, "{reload}", "Fact-base reloads, by result (loaded or refused)");
        _rejected = meter.CreateCounter<long>(RejectedName, "{request}", "Requests refused before reaching the core, by platform and reason (signature, stale, replay, malformed, too_large, response_url)");
    }

    public void Answered(string platform, string command, AnswerKind kind, TimeSpan elapsed)
    {
        var platformTag = new KeyValuePair<string, object?>("platform", platform);
        var commandTag = new KeyValuePair<string, object?>("command", command);
        _answers.Add(1, platformTag, commandTag, new KeyValuePair<string, object?>("outcome", Outcome(kind)));
        _duration.Record(elapsed.TotalSeconds, platformTag, commandTag);
        if (kind == AnswerKind.NotFound)
        {
            _misses.Add(1, platformTag, commandTag);
        }
    }

    public void Reloaded(bool loaded) => _reloads.Add(1, new KeyValuePair<string, object?>("result", loaded ? "loaded" : "refused"));

    public void Rejected(string platform, string reason) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("platform", platform), new KeyValuePair<string, object?>("reason", reason));

    internal static string Outcome(AnswerKind kind) => kind switch
    {
        AnswerKind.Found => "found",
        AnswerKind.Help => "help",
        AnswerKind.NotFound => "not_found",
        AnswerKind.Ambiguous => "ambiguous",
        AnswerKind.UsageError => "usage_error",
        AnswerKind.RateLimited => "rate_limited",
        _ => "other",
    };
}
