using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;

namespace Bot.Core.Querying;

/// <summary><c>/timeline [from:] [to:] [person:] [topic:] [page:]</c>: dated events in order, paged.</summary>
internal static class TimelineQuery
{
    public static Answer Run(FactBase facts, BotRequest request)
    {
        var language = request.Language;
        var from = request.Option("from") is { } f ? PartialDate.Parse(f) : (PartialDate?)null;
        var to = request.Option("to") is { } t ? PartialDate.Parse(t) : (PartialDate?)null;
        if (from is { } start && to is { } end && start.Start > end.End)
        {
            return QueryEngine.UsageError(facts, language, BotText.Format(BotText.FromAfterTo, language, start, end), CommandCatalog.Find(CommandCatalog.Timeline));
        }

        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        var filters = new List<string>();
        if (from is not null)
        {
            resolved["from"] = from.Value.ToString();
            filters.Add(BotText.Format(BotText.From, language, from.Value.ToDisplayString(language)));
        }

        if (to is not null)
        {
            resolved["to"] = to.Value.ToString();
            filters.Add(BotText.Format(BotText.To, language, to.Value.ToDisplayString(language)));
        }

        Person? person = null;
        if (request.Option("person") is { } typedPerson)
        {
            var match = facts.PeopleIndex.Resolve(typedPerson);
            if (match.Item is null)
            {
                return QueryEngine.Unresolved(facts, language, typedPerson, match,
                    p => new Suggestion(QueryEngine.PersonLabel(p, language), $"/timeline person:{p.Id}"),
                    BotText.PersonNotFoundTitle, BotText.PersonNotFoundBody);
            }

            person = match.Item;
            resolved["person"] = person.Id;
            filters.Add(BotText.Format(BotText.Person, language, person.Name));
        }

        Topic? topic = null;
        if (request.Option("topic") is { } typedTopic)
        {
            var match = facts.TopicIndex.Resolve(typedTopic);
            if (match.Item is null)
            {
                var all = match.Kind == NameMatchKind.Ambiguous ? match : new NameMatch<Topic>(NameMatchKind.NotFound, [.. match.Items.Concat(facts.Topics).Distinct()]);
                return QueryEngine.Unresolved(facts, language, typedTopic, all,
                    tp => new Suggestion(tp.Name(language), $"/timeline topic:{tp.Id}"),
                    BotText.TopicNotFoundTitle, BotText.TopicNotFoundBody);
            }

            topic = match.Item;
            resolved["topic"] = topic.Id;
            filters.Add(BotText.Format(BotText.TopicFilter, language, topic.Name(language)));
        }

        var fromDate = from?.Start;
        var toDate = to?.End;
        IReadOnlyList<TimelineEvent> events = resolved.Count == 0
            ? facts.Events
            : [.. (person is not null ? facts.EventsFor(person.Id) : topic is not null ? facts.EventsOn(topic.Id) : facts.Events)
                .Where(e => e.Date.Overlaps(fromDate, toDate) || e.DateVariants.Any(v => v.Date.Overlaps(fromDate, toDate)))
                .Where(e => topic is null || Contains(e.Topics, topic.Id))];

        if (events.Count == 0)
        {
            var first = facts.Events.Count > 0 ? facts.Events[0].Date.ToDisplayString(language) : "?";
            var last = facts.Events.Count > 0 ? facts.Events[^1].Date.ToDisplayString(language) : "?";
            return new Answer
            {
                Kind = AnswerKind.NotFound,
                Title = BotText.NoEventsTitle.For(language),
                Subtitle = string.Join(" · ", filters),
                Body = BotText.Format(BotText.NoEventsBody, language, first, last),
                Suggestions = [new Suggestion(BotText.WholeTimeline.For(language), "/timeline")],
                Footer = QueryEngine.Footer(facts, language),
                Language = language,
            };
        }

        var paging = Paging.Of(events.Count, QueryEngine.TimelinePageSize, QueryEngine.Page(request), CommandCatalog.Timeline, resolved);
        if (paging is null)
        {
            return NoSuchPage(facts, language, request, events.Count);
        }

        var citations = new CitationList(facts);
        var lines = events
            .Skip((paging.Page - 1) * QueryEngine.TimelinePageSize)
            .Take(QueryEngine.TimelinePageSize)
            .Select(e => Line(facts, e, citations, language))
            .ToList();

        var firstShown = ((paging.Page - 1) * QueryEngine.TimelinePageSize) + 1;
        filters.Add(BotText.Format(BotText.ItemsOf, language, firstShown, firstShown + lines.Count - 1, events.Count));
        return new Answer
        {
            Kind = AnswerKind.Found,
            Title = BotText.TimelineTitle.For(language),
            Subtitle = string.Join(" · ", filters),
            Sections = [new AnswerSection(BotText.Events.For(language), lines)],
            Citations = citations.All,
            Paging = paging,
            Footer = QueryEngine.Footer(facts, language),
            Language = language,
        };
    }

    internal static Answer NoSuchPage(FactBase facts, string language, BotRequest request, int count, int pageSize = QueryEngine.TimelinePageSize)
    {
        var pages = Paging.PageCount(count, pageSize);
        return QueryEngine.UsageError(facts, language, BotText.Format(BotText.NoSuchPage, language, QueryEngine.Page(request), pages), CommandCatalog.Find(request.Command));
    }

    private static AnswerLine Line(FactBase facts, TimelineEvent e, CitationList citations, string language)
    {
        var cited = new List<int>(citations.Cite(e.Sources, QueryEngine.MaxCitationsPerLine));
        return new AnswerLine(e.Date.ToDisplayString(language), e.Title(language), cited)
        {
            Detail = VariantDetail(e, citations, language, cited),
        };
    }

    /// <summary>
    /// The other dates and claims sources give for an event, each with its sources (added to <paramref name="cited"/>),
    /// as /timeline and /ask show them; null when the sources agree.
    /// </summary>
    internal static string? VariantDetail(TimelineEvent e, CitationList citations, string language, List<int> cited)
    {
        var details = new List<string>();
        if (e.DateVariants.Count > 0)
        {
            var variants = e.DateVariants.Select(v =>
            {
                var numbers = citations.Cite(v.Sources);
                cited.AddRange(numbers.Except(cited));
                return $"{v.Date.ToDisplayString(language)} {Refs(numbers)}".TrimEnd();
            });
            details.Add(BotText.Format(BotText.AlsoReported, language, string.Join("; ", variants)));
        }

        if (e.Variants.Count > 0)
        {
            var claims = e.Variants.Select(v =>
            {
                var numbers = citations.Cite(v.Sources);
                cited.AddRange(numbers.Except(cited));
                return $"{v.Claim(language).TrimEnd('.')} {Refs(numbers)}".TrimEnd();
            });
            details.Add(BotText.Format(BotText.SourcesDiffer, language, string.Join(" / ", claims)));
        }

        return details.Count > 0 ? string.Join(" ", details) : null;
    }

    private static bool Contains(IReadOnlyList<string> ids, string id)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (string.Equals(ids[i], id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Refs(IEnumerable<int> numbers) => string.Concat(numbers.Select(n => $"[{n}]"));
}
