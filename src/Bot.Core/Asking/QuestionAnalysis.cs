using Bot.Core.Facts;
using Bot.Core.Querying;
using Bot.Core.Text;

namespace Bot.Core.Asking;

/// <summary>What a free-text question is about: its meaningful words, the people it names, the dates it bounds.</summary>
internal sealed record QuestionAnalysis(
    IReadOnlyList<string> Words,
    IReadOnlyList<Person> People,
    DateOnly? From,
    DateOnly? To,
    bool WantsPerson,
    bool WantsQuote,
    bool WantsPosition,
    bool WantsWhen)
{
    private static readonly string[] MonthsEn = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    private static readonly string[] MonthsEs = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
    private static readonly HashSet<string> Before = new(StringComparer.Ordinal) { "before", "antes", "prior" };
    private static readonly HashSet<string> After = new(StringComparer.Ordinal) { "after", "despues", "since", "desde", "following" };

    public static QuestionAnalysis Of(string question, FactBase facts, Func<string, PartialDate?> landmark, Func<string, bool> isKnownWord)
    {
        var tokens = TextFolding.Tokens(question);
        var consumed = new bool[tokens.Length];

        // Dates first: "after Boluarte was removed" is a time, not a question about Boluarte.
        var (from, to) = FindDates(tokens, consumed, landmark);
        var people = FindPeople(tokens, consumed, facts, isKnownWord);
        var words = tokens
            .Where((t, i) => !consumed[i] && !Vocabulary.StopWords.Contains(t) && !Vocabulary.IsIntentWord(t) && t.Length > 1)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new QuestionAnalysis(
            words,
            people,
            from,
            to,
            tokens.Any(Vocabulary.PersonWords.Contains),
            tokens.Any(Vocabulary.QuoteWords.Contains),
            tokens.Any(Vocabulary.PositionWords.Contains),
            tokens.Any(t => t is "when" or "cuando" or "date" or "fecha"));
    }

    /// <summary>People named in the question: the longest runs of words that are someone's name, alias or surname.</summary>
    private static List<Person> FindPeople(string[] tokens, bool[] consumed, FactBase facts, Func<string, bool> isKnownWord)
    {
        var found = new List<Person>();
        for (var length = Math.Min(4, tokens.Length); length >= 1; length--)
        {
            for (var start = 0; start + length <= tokens.Length; start++)
            {
                if (consumed.Skip(start).Take(length).Any(c => c) || (length == 1 && (Vocabulary.StopWords.Contains(tokens[start]) || tokens[start].Length < 4)))
                {
                    continue;
                }

                // Names as written first; a typo ("sheinbam") is tried only for one long word the facts never use.
                var text = string.Join(' ', tokens, start, length);
                var match = facts.PeopleIndex.ResolveWithoutTypos(text);
                if (match is null && length == 1 && tokens[start].Length >= 6 && !IsCommonWord(tokens[start]) && !isKnownWord(tokens[start]))
                {
                    match = facts.PeopleIndex.Resolve(text);
                }

                var accepted = match is not null && (match.Kind == NameMatchKind.Exact
                    || (match.Kind == NameMatchKind.Partial && length >= 2)
                    || (match.Kind == NameMatchKind.Corrected && length == 1));
                if (accepted && match!.Item is { } person && person.Kind == PersonKind.Person)
                {
                    if (!found.Contains(person))
                    {
                        found.Add(person);
                    }

                    for (var i = start; i < start + length; i++)
                    {
                        consumed[i] = true;
                    }
                }
            }
        }

        return found;
    }

    private static bool IsCommonWord(string token) => Vocabulary.Expand(token).Count > 1;

    private static (DateOnly? From, DateOnly? To) FindDates(string[] tokens, bool[] consumed, Func<string, PartialDate?> landmark)
    {
        DateOnly? from = null;
        DateOnly? to = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            var month = MonthOf(tokens[i]);
            if (month > 0)
            {
                var year = YearAfter(tokens, i + 1);
                if (year is { } y)
                {
                    var date = PartialDate.FromMonth(y.Year, month);
                    (from, to) = (date.Start, date.End);
                    consumed[i] = true;
                    consumed[y.Index] = true;

                    // "7 de diciembre de 2022", "4 November 2025", "November 4, 2025": narrow to the day.
                    var day = DayNear(tokens, i, y.Index);
                    if (day is { } d && d.Day <= DateTime.DaysInMonth(y.Year, month))
                    {
                        from = to = new DateOnly(y.Year, month, d.Day);
                        consumed[d.Index] = true;
                    }
                }

                continue;
            }

            if (Year(tokens[i]) is { } alone && from is null)
            {
                (from, to) = (new DateOnly(alone, 1, 1), new DateOnly(alone, 12, 31));
                consumed[i] = true;
            }
        }

        for (var i = 0; i < tokens.Length - 1; i++)
        {
            var isBefore = Before.Contains(tokens[i]);
            if (!isBefore && !After.Contains(tokens[i]))
            {
                continue;
            }

            var clause = Math.Min(4, tokens.Length - i - 1);
            var rest = string.Join(' ', tokens.Skip(i + 1).Take(clause).Where(t => !Vocabulary.StopWords.Contains(t)));
            if (rest.Length == 0 || landmark(rest) is not { } anchor)
            {
                continue;
            }

            var dayAfter = i > 0 && tokens[i - 1] is "day" or "dia";
            if (isBefore)
            {
                to = anchor.Start.AddDays(-1);
                from = dayAfter ? anchor.Start.AddDays(-1) : from;
            }
            else
            {
                from = anchor.Start;
                to = dayAfter ? anchor.End.AddDays(1) : to;
            }

            for (var j = i; j <= i + clause; j++)
            {
                consumed[j] = true;
            }

            if (dayAfter)
            {
                consumed[i - 1] = true;
            }
        }

        return (from, to);
    }

    private static int MonthOf(string token)
    {
        for (var m = 0; m < 12; m++)
        {
            if (token == MonthsEn[m] || token == MonthsEs[m] || (token.Length == 3 && MonthsEn[m].StartsWith(token, StringComparison.Ordinal) && token != "may") || (m == 8 && token == "setiembre"))
            {
                return m + 1;
            }
        }

        return 0;
    }

    private static (int Day, int Index)? DayNear(string[] tokens, int monthIndex, int yearIndex)
    {
        foreach (var i in new[] { monthIndex - 1, monthIndex - 2, monthIndex + 1 })
        {
            if (i >= 0 && i < tokens.Length && i != yearIndex && tokens[i].Length <= 2
                && int.TryParse(tokens[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31)
            {
                return (day, i);
            }
        }

        return null;
    }

    private static (int Year, int Index)? YearAfter(string[] tokens, int start)
    {
        for (var i = start; i < Math.Min(tokens.Length, start + 2); i++)
        {
            if (Year(tokens[i]) is { } year)
            {
                return (year, i);
            }
        }

        return null;
    }

    private static int? Year(string token) =>
        token.Length == 4 && int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100 ? year : null;
}
