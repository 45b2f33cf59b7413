using System.Security.Cryptography;

namespace Bot.Core.Editing;

/// <summary>A form as the moderator submitted it, and the change it makes when it passed validation.</summary>
internal sealed record FactDraft(
    string Action,
    string? Target,
    IReadOnlyDictionary<string, string> Values,
    string Platform,
    string UserId,
    DateTimeOffset Created,
    FactChange? Change);

/// <summary>
/// Pending drafts in bounded memory, keyed by an unguessable id (128 random bits): at most <see cref="Capacity"/>,
/// the oldest dropped first, none kept longer than <see cref="KeepFor"/>. A replica that restarts forgets them; the
/// moderator then submits again.
/// </summary>
internal sealed class FactDrafts(TimeProvider time)
{
    public const int Capacity = 200;

    /// <summary>How long a submitted form can be reopened; a preview can be confirmed for less (15 minutes).</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(2);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, FactDraft> _drafts = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public string Add(FactDraft draft)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        lock (_gate)
        {
            Sweep();
            while (_drafts.Count >= Capacity && _order.TryDequeue(out var oldest))
            {
                _drafts.Remove(oldest);
            }

            _drafts[id] = draft;
            _order.Enqueue(id);
        }

        return id;
    }

    public FactDraft? Get(string id)
    {
        lock (_gate)
        {
            Sweep();
            return _drafts.GetValueOrDefault(id);
        }
    }

    /// <summary>Takes the draft out, so that a second confirm of the same preview finds nothing.</summary>
    public FactDraft? Take(string id)
    {
        lock (_gate)
        {
            Sweep();
            return _drafts.Remove(id, out var draft) ? draft : null;
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _drafts.Count;
            }
        }
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        while (_order.TryPeek(out var oldest) && (!_drafts.TryGetValue(oldest, out var draft) || now - draft.Created > KeepFor))
        {
            _order.Dequeue();
            _drafts.Remove(oldest);
        }
    }
}
