using Bot.Core.Facts;
using Bot.Core.Text;

namespace Bot.Core.Asking;

/// <summary>
/// What a free-text question is about: its meaningful words (and their stems), the people it names, the dates it
/// bounds, and what kind of answer it asks for (a person, a quote, the two sides' positions, a date, a quantity).
/// </summary>
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
    /// <summary>The distinct stems of <see cref="Words"/>, in the question's order.</summary>
    public IReadOnlyList<string> Stems { get; init; } = [];

    /// <summary>"How many …", "¿cuántos …?": only a fact that gives a number answers it.</summary>
    public bool WantsQuantity { get; init; }

    /// <summary>What "how many" counts ("votes" in "how many votes…"), as a stem; null when the question does not say.</summary>
    public string? QuantityOf { get; init; }

    /// <summary>
    /// The stems a fact's number must be followed by to answer the quantity asked for: what "how many" counts and its
    /// synonyms ("how many votes" → vote, voto…), units of time for "how long" / "¿cuánto tiempo?", years for "how
    /// old" / "¿qué edad?". Empty when any number answers it.
    /// </summary>
    public IReadOnlyList<string> Counted { get; init; } = [];

    /// <summary>
    /// Pairs of question words written next to each other ("general election", "elecciones generales"), as indexes into
    /// <see cref="Stems"/> in the order written.
    /// </summary>
    public IReadOnlyList<(int First, int Second)> Adjacent { get; init; } = [];

    /// <summary>"When was she first…?", "¿por primera vez…?": the earliest facts answer it.</summary>
    public bool WantsFirst { get; init; }

    /// <summary>"Is she still…?", "¿sigue…?", "now": the latest facts answer it.</summary>
    public bool WantsCurrent { get; init; }

    /// <summary>The country a "who" question is about ("Mexico's foreign minister", "el canciller del Perú"), if one.</summary>
    public string? Country { get; init; }

    /// <summary>True for a month's name in English or Spanish.</summary>
    public static bool IsMonth(string token) => MonthOf(token) > 0;

    private static readonly string[] MonthsEn = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    private static readonly string[] MonthsEs = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
    private static readonly HashSet<string> Before = new(StringComparer.Ordinal) { "before", "antes", "prior" };
    private static readonly HashSet<string> After = new(StringComparer.Ordinal) { "after", "despues", "since", "desde", "following" };

    public static QuestionAnalysis Of(
        string question,
        FactBase facts,
        AskVocabulary vocabulary,
        Func<string, PartialDate?> landmark,
        Func<string, bool> isKnownWord,
        Func<string, bool>? mayBeName = null,
        Func<string, string?>? correct = null)
    {
        var tokens = vocabulary.Rewrite(TextFolding.Tokens(question));

        // "perus foreign minister", "castillos wife": a possessive written without its apostrophe.
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Length > 4 && tokens[i][^1] == 's' && !isKnownWord(tokens[i]) && isKnownWord(tokens[i][..^1]))
            {
                tokens[i] = tokens[i][..^1];
            }
        }

        // "ambasador", "asilum", "happend": a word the facts never use, one edit from one they (or the vocabulary) do.
        for (var i = 0; correct is not null && i < tokens.Length; i++)
        {
            if (!vocabulary.IsIgnored(tokens[i]) && !IsMonth(tokens[i]) && !isKnownWord(tokens[i]) && correct(tokens[i]) is { } corrected)
            {
                tokens[i] = corrected;
            }
        }

        var consumed = new bool[tokens.Length];

        // Dates first: "after Boluarte was removed" is a time, not a question about Boluarte.
        var (from, to) = FindDates(tokens, consumed, landmark, vocabulary);
        var people = FindPeople(tokens, consumed, facts, vocabulary, isKnownWord, mayBeName ?? (_ => true));
        var quantityAt = QuantityAt(tokens, vocabulary);
        var units = quantityAt >= 0 && quantityAt < tokens.Length ? UnitsOf(tokens[quantityAt], vocabulary) : null;
        if (units is not null)
        {
            consumed[quantityAt] = true; // "long" in "how long", "tiempo" in "¿cuánto tiempo?": the kind of number asked for
        }

        var quantityOf = quantityAt >= 0 && units is null ? tokens.Skip(quantityAt).Where(t => !vocabulary.IsIgnored(t)).Select(AskDocument.Stem).FirstOrDefault() : null;
        var words = tokens
            .Where((t, i) => !consumed[i] && !vocabulary.IsIgnored(t) && !vocabulary.IsIntentWord(t) && t.Length > 1)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var wantsPerson = WantsPersonAt(tokens, vocabulary);
        var stems = words.Select(AskDocument.Stem).Distinct(StringComparer.Ordinal).ToList();
        return new QuestionAnalysis(
            words,
            people,
            from,
            to,
            wantsPerson,
            tokens.Any(vocabulary.IsQuoteWord),
            tokens.Any(vocabulary.IsPositionWord),
            tokens.Any(t => t is "when" or "cuando" or "date" or "fecha"))
        {
            Stems = stems,
            Adjacent = AdjacentPairs(tokens, consumed, stems, vocabulary),
            WantsQuantity = quantityAt >= 0,
            QuantityOf = quantityOf,
            Counted = units ?? (quantityOf is null ? [] : vocabulary.Expand(quantityOf)),
            WantsCurrent = tokens.Any(vocabulary.IsCurrentWord),
            WantsFirst = AsksFirst(tokens),
            Country = wantsPerson ? tokens.Select(CountryOf).FirstOrDefault(c => c is not null) : null,
        };
    }

    /// <summary>"First" as when ("was she first detained", "por primera vez"), not as which ("the first secretary").</summary>
    private static bool AsksFirst(string[] tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if ((tokens[i] is "first" && (i == 0 || tokens[i - 1] is not ("the" or "a" or "an" or "as" or "its" or "his" or "her" or "their")))
                || (tokens[i] is "primera" && i + 1 < tokens.Length && tokens[i + 1] is "vez"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Content words written next to each other, as indexes into the question's stems.</summary>
    private static List<(int First, int Second)> AdjacentPairs(string[] tokens, bool[] consumed, List<string> stems, AskVocabulary vocabulary)
    {
        var pairs = new List<(int, int)>();
        for (var i = 0; i + 1 < tokens.Length; i++)
        {
            if (!consumed[i] && !consumed[i + 1] && IsContent(tokens[i]) && IsContent(tokens[i + 1]))
            {
                var first = stems.IndexOf(AskDocument.Stem(tokens[i]));
                var second = stems.IndexOf(AskDocument.Stem(tokens[i + 1]));
                if (first >= 0 && second >= 0 && first != second)
                {
                    pairs.Add((first, second));
                }
            }
        }

        return pairs;

        bool IsContent(string t) => !vocabulary.IsIgnored(t) && !vocabulary.IsIntentWord(t) && t.Length > 1;
    }

    /// <summary>
    /// A question asks for a person when it opens with "who" ("who is…", "¿quién ordenó…?") or "who" is followed by a
    /// form of "to be"; "according to Mexico who gets to decide…" asks for a rule, not a person.
    /// </summary>
    private static bool WantsPersonAt(string[] tokens, AskVocabulary vocabulary)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (vocabulary.IsPersonWord(tokens[i])
                && (i == 0 || (i + 1 < tokens.Length && tokens[i + 1] is "is" or "was" or "are" or "were" or "es" or "fue" or "era" or "son" or "s")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Where the counted thing starts in "how many votes…" / "¿a cuántos años…?", or where the kind of number is named
    /// in "how long…", "how old…", "¿qué edad…?"; -1 when no number is asked for.
    /// </summary>
    private static int QuantityAt(string[] tokens, AskVocabulary vocabulary)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i] is "how" && i + 1 < tokens.Length && tokens[i + 1] is "many" or "much")
            {
                return i + 2;
            }

            if (tokens[i] is "how" && i + 1 < tokens.Length && UnitsOf(tokens[i + 1], vocabulary) is not null)
            {
                return i + 1;
            }

            if (tokens[i] is "cuantos" or "cuantas" or "cuanto" or "cuanta" || (tokens[i] is "que" && i + 1 < tokens.Length && tokens[i + 1] is "edad"))
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>The units a number must be given in after "how long" / "¿cuánto tiempo?" (durations) or "how old" / "edad" (years); null for other words.</summary>
    private static string[]? UnitsOf(string token, AskVocabulary vocabulary) => token switch
    {
        "long" or "tiempo" => vocabulary.Durations,
        "old" or "edad" => vocabulary.Age,
        _ => null,
    };

    private static string? CountryOf(string token) => token switch
    {
        "mexico" or "mexican" or "mexicano" or "mexicana" or "mexicanos" => "Mexico",
        "peru" or "peruvian" or "peruano" or "peruana" or "peruanos" => "Peru",
        _ => null,
    };

    /// <summary>People named in the question: the longest runs of words that are someone's name, alias or surname.</summary>
    private static List<Person> FindPeople(string[] tokens, bool[] consumed, FactBase facts, AskVocabulary vocabulary, Func<string, bool> isKnownWord, Func<string, bool> mayBeName)
    {
        var found = new List<Person>();
        for (var length = Math.Min(4, tokens.Length); length >= 1; length--)
        {
            for (var start = 0; start + length <= tokens.Length; start++)
            {
                if (consumed.Skip(start).Take(length).Any(c => c) || (length == 1 && (vocabulary.IsIgnored(tokens[start]) || tokens[start].Length < 4)))
                {
                    continue;
                }

                // Names as written first; a typo ("sheinbam") is tried only for one long word the facts never use.
                var text = string.Join(' ', tokens, start, length);
                var match = facts.PeopleIndex.ResolveWithoutTypos(text);
                if (match is null && length == 1 && tokens[start].Length >= 6 && !IsCommonWord(tokens[start], vocabulary) && !isKnownWord(tokens[start]) && mayBeName(tokens[start]))
                {
                    match = facts.PeopleIndex.Resolve(text);
                }

                var accepted = match is not null && (match.Kind == NameMatchKind.Exact
                    || (match.Kind == NameMatchKind.Partial && length >= 2)
                    || (match.Kind == NameMatchKind.Corrected && length == 1));
                // Organizations only by a name of two words or more ("Peru's Congress"), not by a word like "congress".
                if (accepted && match!.Item is { } person && (person.Kind == PersonKind.Person || (match.Kind == NameMatchKind.Exact && length >= 2)))
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

    private static bool IsCommonWord(string token, AskVocabulary vocabulary) => vocabulary.Expand(AskDocument.Stem(token)).Count > 1;

    private static (DateOnly? From, DateOnly? To) FindDates(string[] tokens, bool[] consumed, Func<string, PartialDate?> landmark, AskVocabulary vocabulary)
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
            var rest = string.Join(' ', tokens.Skip(i + 1).Take(clause).Where(t => !vocabulary.IsIgnored(t)));
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
