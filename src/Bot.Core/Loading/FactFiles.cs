namespace Bot.Core.Loading;

// Wire shapes of the YAML fact files: nominal records (YamlDotNet needs a parameterless constructor), every key
// optional here so that the validator can report each missing key with its location instead of stopping at the first.
// Unknown keys are rejected by the deserializer. A list item may be null (a bare "-"), which the validator reports.

internal sealed record SourcesFile
{
    public List<SourceEntry?>? Sources { get; init; }
}

internal sealed record SourceEntry
{
    public string? Id { get; init; }
    public string? Outlet { get; init; }
    public string? Title { get; init; }
    public string? Url { get; init; }
    public string? Published { get; init; }
    public string? Language { get; init; }
}

internal sealed record TopicsFile
{
    public List<TopicEntry?>? Topics { get; init; }
}

internal sealed record TopicEntry
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public List<string>? Aliases { get; init; }
    public string? Description { get; init; }
    public string? NameEs { get; init; }
    public string? DescriptionEs { get; init; }
}

internal sealed record PersonFile
{
    public string? Id { get; init; }
    public string? Kind { get; init; }
    public string? Name { get; init; }
    public string? FullName { get; init; }
    public List<string>? Aliases { get; init; }
    public string? Country { get; init; }
    public List<RoleEntry?>? Roles { get; init; }
    public string? Summary { get; init; }
    public string? SummaryEs { get; init; }
    public StatusEntry? Status { get; init; }
    public List<string>? Sources { get; init; }
    public string? Reviewed { get; init; }
    public List<string>? Asks { get; init; }
    public List<string>? AsksEs { get; init; }
}

internal sealed record RoleEntry
{
    public string? Title { get; init; }
    public string? TitleEs { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? ScheduledTo { get; init; }
    public List<string>? Sources { get; init; }
}

internal sealed record StatusEntry
{
    public string? AsOf { get; init; }
    public string? Text { get; init; }
    public string? TextEs { get; init; }
    public List<string>? Sources { get; init; }
}

internal sealed record EventFile
{
    public string? Id { get; init; }
    public string? Date { get; init; }
    public string? DatePrecision { get; init; }
    public List<DateVariantEntry?>? DateVariants { get; init; }
    public string? Title { get; init; }
    public string? TitleEs { get; init; }
    public string? Summary { get; init; }
    public string? SummaryEs { get; init; }
    public List<string>? People { get; init; }
    public List<string>? Topics { get; init; }
    public List<ClaimVariantEntry?>? Variants { get; init; }
    public List<string>? Sources { get; init; }
    public string? Reviewed { get; init; }
    public List<string>? Asks { get; init; }
    public List<string>? AsksEs { get; init; }
}

internal sealed record DateVariantEntry
{
    public string? Date { get; init; }
    public List<string>? Sources { get; init; }
    public string? Note { get; init; }
    public string? NoteEs { get; init; }
}

internal sealed record ClaimVariantEntry
{
    public string? Claim { get; init; }
    public string? ClaimEs { get; init; }
    public List<string>? Sources { get; init; }
}

internal sealed record QuotesFile
{
    public string? Speaker { get; init; }
    public List<QuoteEntry?>? Quotes { get; init; }
}

internal sealed record QuoteEntry
{
    public string? Id { get; init; }
    public string? Date { get; init; }
    public string? Text { get; init; }
    public string? Language { get; init; }
    public bool? Translated { get; init; }
    public string? Context { get; init; }
    public string? ContextEs { get; init; }
    public List<string>? Topics { get; init; }
    public List<string>? Sources { get; init; }
    public string? Reviewed { get; init; }
    public List<string>? Asks { get; init; }
    public List<string>? AsksEs { get; init; }
}

internal sealed record PositionFile
{
    public string? Id { get; init; }
    public string? Topic { get; init; }
    public string? Title { get; init; }
    public string? TitleEs { get; init; }
    public string? Question { get; init; }
    public string? QuestionEs { get; init; }
    public List<StanceEntry?>? Stances { get; init; }
    public string? Reviewed { get; init; }
    public List<string>? Asks { get; init; }
    public List<string>? AsksEs { get; init; }
}

internal sealed record StanceEntry
{
    public string? Side { get; init; }
    public string? Party { get; init; }
    public string? PartyEs { get; init; }
    public string? Speaker { get; init; }
    public string? Date { get; init; }
    public string? Statement { get; init; }
    public string? StatementEs { get; init; }
    public List<string>? Quotes { get; init; }
    public List<string>? Sources { get; init; }
}

internal sealed record VocabularyFile
{
    public List<List<string?>?>? Synonyms { get; init; }
    public List<string?>? TwoMeanings { get; init; }
    public Dictionary<string, string?>? Phrases { get; init; }
    public List<string?>? Ignored { get; init; }
    public List<string?>? PersonWords { get; init; }
    public List<string?>? QuoteWords { get; init; }
    public List<string?>? PositionWords { get; init; }
    public List<string?>? CurrentWords { get; init; }
}
