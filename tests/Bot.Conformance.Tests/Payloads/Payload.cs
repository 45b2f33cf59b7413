namespace Bot.Conformance.Tests.Payloads;

/// <summary>One body the bot sends, with what produced it (shown when it fails a check).</summary>
internal sealed record Payload(string What, string Json);

/// <summary>Payloads collected once, without duplicates (the same body reached twice is validated once).</summary>
internal sealed class PayloadSet
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<Payload> _items = [];

    public IReadOnlyList<Payload> Items => _items;

    /// <summary>How many distinct payloads there are.</summary>
    public int Count => _items.Count;

    /// <summary>How many were produced, duplicates included.</summary>
    public int Produced { get; private set; }

    public void Add(string what, string json)
    {
        Produced++;
        if (_seen.Add(json))
        {
            _items.Add(new Payload(what, json));
        }
    }
}
