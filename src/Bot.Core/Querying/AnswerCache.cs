using System.Collections.Concurrent;
using System.Text;
using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;

namespace Bot.Core.Querying;

/// <summary>
/// The answers of one fact-base snapshot to the read-only commands, by command, options and language: a community
/// asks the same things again and again, and an answer depends on nothing else. A new snapshot starts an empty cache,
/// so an answer never outlives the facts it came from; nor the day, as answers date present-tense claims against today. Bounded: past <see cref="Capacity"/> answers it stops adding.
/// Because a repeated request returns the same <see cref="Answer"/> instance, renderers can keep their output per
/// instance too.
/// </summary>
internal sealed class AnswerCache
{
    public const int Capacity = 1024;

    private Entries _entries = new(null, default);

    /// <summary>The cached answer to <paramref name="request"/> from <paramref name="facts"/>, or the one <paramref name="answer"/> computes (then kept).</summary>
    public Answer GetOrAdd(FactBase facts, DateOnly today, string command, BotRequest request, Func<Answer> answer)
    {
        var entries = Volatile.Read(ref _entries);
        if (!ReferenceEquals(entries.Facts, facts) || entries.Today != today)
        {
            entries = new Entries(facts, today);
            Volatile.Write(ref _entries, entries); // the old snapshot's answers go with it
        }

        var key = Key(command, request);
        if (entries.Answers.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var fresh = answer();
        if (Interlocked.Increment(ref entries.Added) > Capacity) // a counter: ConcurrentDictionary.Count takes every lock
        {
            return fresh;
        }

        return entries.Answers.GetOrAdd(key, fresh);
    }

    private static string Key(string command, BotRequest request)
    {
        var key = new StringBuilder(64).Append(request.Language).Append('\u0001').Append(command);
        foreach (var (name, value) in request.Options.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            key.Append('\u0001').Append(name).Append('\u0002').Append(value);
        }

        return key.ToString();
    }

    private sealed class Entries(FactBase? facts, DateOnly today)
    {
        public FactBase? Facts { get; } = facts;

        /// <summary>Answers say "as of" and "scheduled to end" against today's date, so a new day starts afresh.</summary>
        public DateOnly Today { get; } = today;

        public ConcurrentDictionary<string, Answer> Answers { get; } = new(StringComparer.Ordinal);

        /// <summary>Answers offered for keeping (a few more than kept when two threads race on one key).</summary>
        public int Added;
    }
}
