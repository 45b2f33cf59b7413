using System.Diagnostics.Metrics;

namespace Bot.Discord.Gateway;

/// <summary>
/// The Gateway client's metrics (meter <c>Bot.Discord.Gateway</c>, created through the host's
/// <see cref="IMeterFactory"/>): connected shards, reconnects, resumes, identifies and invalid sessions per shard,
/// heartbeat round trips, and how long an interaction takes from the Gateway frame to the callback Discord accepted —
/// in total, and beyond the core's own answering time.
/// </summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "Bot.Discord.Gateway";

    public const string ConnectedShardsName = "bot.discord.gateway.shards.connected";
    public const string ReconnectsName = "bot.discord.gateway.reconnects";
    public const string ResumesName = "bot.discord.gateway.resumes";
    public const string IdentifiesName = "bot.discord.gateway.identifies";
    public const string InvalidSessionsName = "bot.discord.gateway.invalid_sessions";
    public const string HeartbeatLatencyName = "bot.discord.gateway.heartbeat.latency";
    public const string InteractionDurationName = "bot.discord.gateway.interaction.duration";
    public const string InteractionOverheadName = "bot.discord.gateway.interaction.overhead";
    public const string InteractionAnswerName = "bot.discord.gateway.interaction.answer_time";

    private readonly Counter<long> _reconnects;
    private readonly Counter<long> _resumes;
    private readonly Counter<long> _identifies;
    private readonly Counter<long> _invalidSessions;
    private readonly Histogram<double> _heartbeatLatency;
    private readonly Histogram<double> _interactionDuration;
    private readonly Histogram<double> _interactionOverhead;
    private readonly Histogram<double> _interactionAnswer;

    public GatewayMetrics(IMeterFactory meters, GatewayStatus status)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        meter.CreateObservableUpDownCounter(ConnectedShardsName, () => status.ConnectedCount, "{shard}",
            "Gateway shards with a live session (READY or RESUMED received)");
        _reconnects = meter.CreateCounter<long>(ReconnectsName, "{reconnect}", "Connections a shard opened again after one ended (tag next: resume or identify)");
        _resumes = meter.CreateCounter<long>(ResumesName, "{resume}", "Resume (op 6) payloads sent");
        _identifies = meter.CreateCounter<long>(IdentifiesName, "{identify}", "Identify (op 2) payloads sent; each counts against session_start_limit");
        _invalidSessions = meter.CreateCounter<long>(InvalidSessionsName, "{session}", "Invalid Session (op 9) received (tag resumable)");
        _heartbeatLatency = meter.CreateHistogram<double>(HeartbeatLatencyName, "ms", "Heartbeat sent to Heartbeat ACK received");
        _interactionDuration = meter.CreateHistogram<double>(InteractionDurationName, "ms",
            "INTERACTION_CREATE received to initial callback accepted (tag deferred: true when a type 5 was sent first)");
        _interactionOverhead = meter.CreateHistogram<double>(InteractionOverheadName, "ms",
            "INTERACTION_CREATE received to callback accepted, minus the core's answering time (answers sent without deferring)");
        _interactionAnswer = meter.CreateHistogram<double>(InteractionAnswerName, "ms", "The core's answering time (renderer included)");
    }

    public void Reconnecting(int shard, bool resume) =>
        _reconnects.Add(1, new KeyValuePair<string, object?>("shard", shard), new KeyValuePair<string, object?>("next", resume ? "resume" : "identify"));

    public void Resumed(int shard) => _resumes.Add(1, new KeyValuePair<string, object?>("shard", shard));

    public void Identified(int shard) => _identifies.Add(1, new KeyValuePair<string, object?>("shard", shard));

    public void InvalidSession(int shard, bool resumable) =>
        _invalidSessions.Add(1, new KeyValuePair<string, object?>("shard", shard), new KeyValuePair<string, object?>("resumable", resumable));

    public void HeartbeatLatency(int shard, TimeSpan latency) =>
        _heartbeatLatency.Record(latency.TotalMilliseconds, new KeyValuePair<string, object?>("shard", shard));

    /// <summary>
    /// An interaction's initial response was accepted <paramref name="total"/> after the frame arrived; the core took
    /// <paramref name="answer"/> of that, or it is null when the response was a deferral (type 5).
    /// </summary>
    public void InteractionResponded(int shard, TimeSpan total, TimeSpan? answer)
    {
        var shardTag = new KeyValuePair<string, object?>("shard", shard);
        _interactionDuration.Record(total.TotalMilliseconds, shardTag, new KeyValuePair<string, object?>("deferred", answer is null));
        if (answer is { } core)
        {
            _interactionAnswer.Record(core.TotalMilliseconds, shardTag);
            _interactionOverhead.Record(Math.Max(0, (total - core).TotalMilliseconds), shardTag);
        }
    }

    /// <summary>The core's answering time of a deferred interaction, once the answer is there.</summary>
    public void AnswerTime(int shard, TimeSpan answer) =>
        _interactionAnswer.Record(answer.TotalMilliseconds, new KeyValuePair<string, object?>("shard", shard));
}
