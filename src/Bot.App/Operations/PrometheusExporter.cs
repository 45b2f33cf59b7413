using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Bot.App.Operations;

/// <summary>
/// Collects the measurements of the bot's meters (<c>Bot</c>, <c>Bot.*</c>) and of ASP.NET Core's and the runtime's
/// (<c>Microsoft.AspNetCore.Hosting</c>, <c>System.Runtime</c>) with a <see cref="MeterListener"/>, and writes them in
/// the Prometheus text exposition format (version 0.0.4) for <c>GET /metrics</c>. Counters are summed per tag set,
/// up-down counters and gauges keep their last value, histograms are bucketed.
/// </summary>
/// <remarks>
/// Hand-written because the OpenTelemetry Prometheus exporter does not restore from this project's package source;
/// it is small: the format is lines of <c>name{labels} value</c> with <c># HELP</c> and <c># TYPE</c> headers.
/// </remarks>
internal sealed class PrometheusExporter : IDisposable
{
    private static readonly string[] MeterPrefixes = ["Bot.", "Microsoft.AspNetCore.Hosting"];

    /// <summary>Upper bounds for histograms in seconds (scaled for instruments measured in milliseconds).</summary>
    private static readonly double[] SecondBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _instruments = new();
    private readonly Lock _collectLock = new();

    /// <param name="meters">This host's meter factory: meters another host in the same process created are not ours.</param>
    public PrometheusExporter(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (Exports(instrument.Meter, meters))
            {
                var state = _instruments.GetOrAdd(instrument, i => new InstrumentState(i));
                listener.EnableMeasurementEvents(instrument, state);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentState? _);
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<float>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.Start();
    }

    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// Ours: the bot's and ASP.NET Core's meters made by this host's factory, and the runtime's process-wide meter.
    /// </summary>
    internal static bool Exports(Meter meter, IMeterFactory factory) => meter.Scope is null
        ? meter.Name == RuntimeMeter
        : ReferenceEquals(meter.Scope, factory) && (meter.Name == "Bot" || MeterPrefixes.Any(p => meter.Name.StartsWith(p, StringComparison.Ordinal)));

    private const string RuntimeMeter = "System.Runtime";

    /// <summary>Polls the observable instruments, then writes every series.</summary>
    public string Scrape()
    {
        lock (_collectLock)
        {
            _listener.RecordObservableInstruments();
        }

        var text = new StringBuilder(4096);
        foreach (var group in _instruments.Values.GroupBy(s => s.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First();
            if (first.Description is { Length: > 0 } help)
            {
                text.Append("# HELP ").Append(first.Name).Append(' ').Append(EscapeHelp(help)).Append('\n');
            }

            text.Append("# TYPE ").Append(first.Name).Append(' ').Append(first.Type).Append('\n');
            foreach (var state in group)
            {
                state.Write(text);
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private static void Record<T>(object? state, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct, IConvertible
    {
        if (state is InstrumentState instrument)
        {
            instrument.Record(value.ToDouble(CultureInfo.InvariantCulture), tags);
        }
    }

    private static string EscapeHelp(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeLabel(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A Prometheus metric name: letters, digits and underscores only.</summary>
    internal static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] == '_'))
            {
                chars[i] = '_';
            }
        }

        return chars.Length > 0 && char.IsAsciiDigit(chars[0]) ? "_" + new string(chars) : new string(chars);
    }

    private enum Kind
    {
        Counter,
        Gauge,
        Histogram,
    }

    /// <summary>One instrument's series, keyed by their rendered label set.</summary>
    private sealed class InstrumentState
    {
        private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);
        private readonly Kind _kind;
        private readonly bool _cumulative;
        private readonly double[] _buckets;

        public InstrumentState(Instrument instrument)
        {
            _kind = instrument switch
            {
                Counter<long> or Counter<int> or Counter<double> or Counter<float> => Kind.Counter,
                ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> or ObservableCounter<float> => Kind.Counter,
                Histogram<long> or Histogram<int> or Histogram<double> or Histogram<float> => Kind.Histogram,
                _ => Kind.Gauge, // up-down counters, gauges and their observable forms
            };

            // Observable instruments report their current total on each poll; synchronous ones report increments.
            _cumulative = instrument.IsObservable || instrument.GetType().GetGenericTypeDefinition() == typeof(Gauge<>);
            var unit = instrument.Unit switch
            {
                "s" => "_seconds",
                "ms" => "_milliseconds",
                "By" => "_bytes",
                _ => "",
            };
            var baseName = Sanitize(instrument.Name);
            Name = (baseName.EndsWith(unit, StringComparison.Ordinal) ? baseName : baseName + unit) + (_kind == Kind.Counter ? "_total" : "");
            Description = instrument.Description;
            _buckets = instrument.Unit == "ms" ? [.. SecondBuckets.Select(b => b * 1000)] : SecondBuckets;
        }

        public string Name { get; }

        public string? Description { get; }

        public string Type => _kind switch
        {
            Kind.Counter => "counter",
            Kind.Histogram => "histogram",
            _ => "gauge",
        };

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var series = Find(tags);
            lock (series)
            {
                if (_kind == Kind.Histogram)
                {
                    series.Count++;
                    series.Sum += value;
                    for (var i = 0; i < _buckets.Length; i++)
                    {
                        if (value <= _buckets[i])
                        {
                            series.BucketCounts[i]++;
                        }
                    }
                }
                else if (_cumulative)
                {
                    series.Sum = value;
                }
                else
                {
                    series.Sum += value;
                }
            }
        }

        /// <summary>
        /// The series for these tags. A measurement on the request path finds its series among the tag sets seen before
        /// without allocating (an instrument has a handful); a new tag set renders its labels once.
        /// </summary>
        private Series Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var known in Volatile.Read(ref _known))
            {
                if (Same(known.Tags, tags))
                {
                    return known.Series;
                }
            }

            var series = _series.GetOrAdd(Labels(tags), _ => new Series(_buckets.Length));
            lock (_series)
            {
                if (_known.Length < MaxKnownTagSets)
                {
                    Volatile.Write(ref _known, [.. _known, new KnownTags(tags.ToArray(), series)]);
                }
            }

            return series;
        }

        private static bool Same(KeyValuePair<string, object?>[] known, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (known.Length != tags.Length)
            {
                return false;
            }

            for (var i = 0; i < known.Length; i++)
            {
                if (!string.Equals(known[i].Key, tags[i].Key, StringComparison.Ordinal) || !Equals(known[i].Value, tags[i].Value))
                {
                    return false;
                }
            }

            return true;
        }

        private const int MaxKnownTagSets = 256;

        private KnownTags[] _known = [];

        private sealed record KnownTags(KeyValuePair<string, object?>[] Tags, Series Series);

        public void Write(StringBuilder text)
        {
            foreach (var (labels, series) in _series.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                lock (series)
                {
                    if (_kind != Kind.Histogram)
                    {
                        Line(text, Name, labels, null, series.Sum);
                        continue;
                    }

                    var baseName = Name;
                    for (var i = 0; i < _buckets.Length; i++)
                    {
                        Line(text, baseName + "_bucket", labels, _buckets[i].ToString("R", CultureInfo.InvariantCulture), series.BucketCounts[i]);
                    }

                    Line(text, baseName + "_bucket", labels, "+Inf", series.Count);
                    Line(text, baseName + "_sum", labels, null, series.Sum);
                    Line(text, baseName + "_count", labels, null, series.Count);
                }
            }
        }

        private static void Line(StringBuilder text, string name, string labels, string? le, double value)
        {
            text.Append(name);
            if (labels.Length > 0 || le is not null)
            {
                text.Append('{').Append(labels);
                if (le is not null)
                {
                    text.Append(labels.Length > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
                }

                text.Append('}');
            }

            text.Append(' ').Append(Format(value)).Append('\n');
        }

        private static string Format(double value) => double.IsPositiveInfinity(value) ? "+Inf"
            : double.IsNegativeInfinity(value) ? "-Inf"
            : double.IsNaN(value) ? "NaN"
            : value.ToString("R", CultureInfo.InvariantCulture);

        private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.IsEmpty)
            {
                return "";
            }

            var sorted = tags.ToArray();
            Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
            var text = new StringBuilder();
            foreach (var (key, value) in sorted)
            {
                if (text.Length > 0)
                {
                    text.Append(',');
                }

                text.Append(Sanitize(key)).Append("=\"")
                    .Append(EscapeLabel(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")).Append('"');
            }

            return text.ToString();
        }
    }

    private sealed class Series(int buckets)
    {
        public double Sum;
        public long Count;
        public readonly long[] BucketCounts = new long[buckets];
    }
}
