using Bot.Core.Facts;

namespace Bot.Core.Loading;

/// <summary>What kind of fact a reference names.</summary>
internal enum ReferenceKind
{
    Source,
    Person,
    Topic,
    Quote,
}

/// <summary>An id one file cites, checked against the whole base once every file is read.</summary>
internal readonly record struct FactReference(string Path, ReferenceKind Kind, string Id);

/// <summary>A fact defined in a file, with the path of its id there (for duplicate and unused-source diagnostics).</summary>
internal readonly record struct Defined<T>(T Fact, string Path);

/// <summary>A name a person answers to, folded for the alias-collision check.</summary>
internal readonly record struct PersonName(string Folded, string Name, string Path);

/// <summary>
/// Everything one fact file contributes to a load: the facts it defines, the problems found inside it, and what the
/// whole-base checks need (references, cited sources, names, review dates). A pure function of the file's path and
/// content, so it can be kept between loads while the file is unchanged; the whole-base checks run on every load.
/// </summary>
internal sealed class FileFacts(ParsedFile file)
{
    public ParsedFile File { get; } = file;

    /// <summary>Problems found in this file alone (YAML errors, missing or malformed values).</summary>
    public List<FactIssue> Issues { get; } = [];

    public List<FactReference> References { get; } = [];

    public List<string> CitedSources { get; } = [];

    /// <summary><c>reviewed:</c> dates with their paths, for the staleness warning (which depends on today's date).</summary>
    public List<Defined<PartialDate>> Reviewed { get; } = [];

    public List<Defined<Source>> Sources { get; } = [];

    public List<Defined<Topic>> Topics { get; } = [];

    public Person? Person { get; set; }

    /// <summary>The person's id, name, full name and aliases, folded.</summary>
    public List<PersonName> PersonNames { get; } = [];

    /// <summary>The folded title of each of the person's roles, in the order of <see cref="Facts.Person.Roles"/>.</summary>
    public List<string> RoleTitles { get; } = [];

    public TimelineEvent? Event { get; set; }

    public List<Defined<Quote>> Quotes { get; } = [];

    public Position? Position { get; set; }

    /// <summary>The words /ask reads questions with, from <c>vocabulary.yaml</c>.</summary>
    public Vocabulary? Vocabulary { get; set; }

    public bool HasErrors => Issues.Exists(i => i.Severity == FactIssueSeverity.Error);
}
