using Bot.Core.Facts;

namespace Bot.Bench;

/// <summary>The real fact base copied <c>factor</c> times with distinct ids and names, for scaling runs.</summary>
internal static class ScaledFactBase
{
    public static FactBase Create(FactBase real, int factor)
    {
        string Id(string id, int copy) => copy == 0 ? id : $"{id}-x{copy}";
        string Name(string name, int copy) => copy == 0 ? name : $"{name} Copy{copy}";

        var copies = Enumerable.Range(0, factor).ToList();
        var sources = copies.SelectMany(c => real.Sources.Select(s => s with { Id = Id(s.Id, c), Url = new Uri($"{s.Url.AbsoluteUri}#{c}") }));
        var topics = real.Topics;
        var people = copies.SelectMany(c => real.People.Select(p => p with
        {
            Id = Id(p.Id, c),
            Name = Name(p.Name, c),
            FullName = p.FullName is null ? null : Name(p.FullName, c),
            Aliases = [.. p.Aliases.Select(a => Name(a, c))],
            Roles = [.. p.Roles.Select(r => r with { Sources = [.. r.Sources.Select(s => Id(s, c))] })],
            Sources = [.. p.Sources.Select(s => Id(s, c))],
        }));
        var events = copies.SelectMany(c => real.Events.Select(e => e with
        {
            Id = Id(e.Id, c),
            People = [.. e.People.Select(p => Id(p, c))],
            Sources = [.. e.Sources.Select(s => Id(s, c))],
        }));
        var quotes = copies.SelectMany(c => real.Quotes.Select(q => q with
        {
            Id = Id(q.Id, c),
            Speaker = Id(q.Speaker, c),
            Sources = [.. q.Sources.Select(s => Id(s, c))],
        }));
        return new FactBase(sources, topics, people, events, quotes, real.Positions, real.Version + "x" + factor, real.LoadedAt)
        {
            Vocabulary = real.Vocabulary, // one vocabulary, as bench/scale-facts.py copies it once
        };
    }
}
