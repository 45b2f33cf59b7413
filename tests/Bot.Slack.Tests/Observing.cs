using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Bot.Core.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Slack.Tests;

/// <summary>Every log entry of a host, at every level: level, event id, category, the formatted message and the exception.</summary>
internal sealed class LogEntries : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, EventId Event, string Category, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogEntries sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Entries.Enqueue((logLevel, eventId, category, formatter(state, exception), exception));
    }
}

/// <summary>Counts <c>bot.requests.rejected</c> by reason, for one host's meters only.</summary>
internal sealed class RejectedRequests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byReason = new(StringComparer.Ordinal);

    public RejectedRequests(IServiceProvider services)
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == BotMetrics.RejectedName && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason" && tag.Value is string reason)
                {
                    _byReason.AddOrUpdate(reason, value, (_, old) => old + value);
                }
            }
        });
        _listener.Start();
    }

    public long this[string reason] => _byReason.TryGetValue(reason, out var count) ? count : 0;

    public void Dispose() => _listener.Dispose();
}
