using Bot.Core.Answers;
using Bot.Core.Commands;
using Bot.Core.Facts;
using Bot.Core.Text;

namespace Bot.Core.Querying;

/// <summary>
/// <c>/who NAME</c>: who someone is, their current role (dated), where things stand, and their three latest timeline
/// entries; the buttons lead to the full timeline, the quotes and all sources.
/// </summary>
internal static class WhoQuery
{
    private const int RecentEvents = 3;

    /// <summary>
    /// The answer for <paramref name="request"/>. The brief form is the channel answer; the full one (every role and every
    /// timeline entry) is what the "All sources" view lists the sources of.
    /// </summary>
    public static Answer Run(FactBase facts, BotRequest request, Freshness freshness, bool brief = true)
    {
        var language = request.Language;
        var typed = request.Option("name") ?? "";
        var match = facts.PeopleIndex.Resolve(typed);
        if (match.Item is not { } person)
        {
            return QueryEngine.Unresolved(facts, language, typed, match,
                p => new Suggestion(QueryEngine.PersonLabel(p, language), $"/who {p.Id}"),
                BotText.PersonNotFoundTitle, BotText.PersonNotFoundBody);
        }

        var citations = new CitationList(facts);
        var body = citations.Cite(person.Sources, brief ? QueryEngine.MaxCitationsPerLine : int.MaxValue);
        var sections = new List<AnswerSection>();

        if (!brief && person.Roles.Count > 0)
        {
            sections.Add(new AnswerSection(BotText.Roles.For(language), [.. person.Roles
                .OrderBy(r => r.StartsOn)
                .Select(r => new AnswerLine(QueryEngine.RoleSpan(facts, r, language, freshness), r.Title(language), citations.Cite(r.Sources)))]));
        }

        if (person.Status is { } status)
        {
            sections.Add(new AnswerSection(BotText.Now.For(language),
            [
                new AnswerLine(BotText.Format(BotText.AsOf, language, status.AsOf.ToDisplayString(language)), status.Text(language), citations.Cite(status.Sources))
                {
                    Detail = freshness.IsStale(status.AsOf) ? BotText.Format(BotText.MayBeOutdated, language, status.AsOf.ToDisplayString(language)) : null,
                },
            ]));
        }

        var events = facts.EventsFor(person.Id);
        if (events.Count > 0)
        {
            sections.Add(new AnswerSection(BotText.InTimeline.For(language), [.. events
                .Skip(brief ? Math.Max(0, events.Count - RecentEvents) : 0)
                .Select(e => new AnswerLine(e.Date.ToDisplayString(language), e.Title(language), citations.Cite(e.Sources, QueryEngine.MaxCitationsPerLine)))]));
        }

        var subtitle = new List<string>();
        if (match.Kind == NameMatchKind.Corrected)
        {
            subtitle.Add(BotText.Format(BotText.Closest, language, TextSnippets.Trim(typed, 40)));
        }

        if (person.FullName is { } fullName && fullName != person.Name)
        {
            subtitle.Add(fullName);
        }

        subtitle.Add(person.Kind == PersonKind.Organization ? $"{person.Country} · {BotText.Organization.For(language)}" : person.Country);

        var fields = new List<AnswerField>();
        var open = person.Roles.Where(r => r.IsCurrent).ToList();
        var held = open.Where(r => QueryEngine.IsHeld(r, freshness)).ToList();
        if (held.Count > 0)
        {
            fields.Add(new AnswerField(BotText.CurrentRole.For(language), string.Join("; ", held.Select(r => CurrentRole(facts, r, language)))));
        }
        else if (open.Count > 0)
        {
            // Every open role's announced end has passed: the base cannot say what the person does now.
            fields.Add(new AnswerField(BotText.LastKnownRole.For(language), string.Join("; ", open.Select(r =>
                $"{r.Title(language)} ({BotText.Format(BotText.ScheduledEndPassed, language, r.ScheduledTo!.Value.ToDisplayString(language))})"))));
        }

        var suggestions = new List<Suggestion>();
        var quotes = facts.QuotesBy(person.Id).Count;
        if (quotes > 0)
        {
            suggestions.Add(new Suggestion(BotText.Format(BotText.QuotesBy, language, person.Name, quotes), $"/quote {person.Id}"));
        }

        if (events.Count > 0)
        {
            suggestions.Add(new Suggestion(BotText.Format(BotText.TimelineOf, language, person.Name), $"/timeline person:{person.Id}"));
        }

        return new Answer
        {
            Kind = AnswerKind.Found,
            Title = person.Name,
            Subtitle = string.Join(" · ", subtitle),
            Body = person.Summary(language),
            BodyCitations = body,
            Fields = fields,
            Sections = sections,
            Citations = citations.All,
            Suggestions = suggestions,
            Footer = QueryEngine.Footer(facts, language),
            Language = language,
        };
    }

    /// <summary>A role still held, dated: "Interim President of Peru (as of 24 February 2026)".</summary>
    private static string CurrentRole(FactBase facts, Role role, string language) =>
        Freshness.NewestSource(facts, role.Sources) is { } asOf
            ? $"{role.Title(language)} ({BotText.Format(BotText.AsOfLower, language, asOf.ToDisplayString(language))})"
            : role.Title(language);
}
