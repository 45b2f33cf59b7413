namespace Bot.Core.Loading;

/// <summary>
/// Turns one parsed fact file into facts, checking every rule that needs only that file and reporting each problem
/// with its location: each kind of file has its validator (<see cref="SourcesFileValidator"/>,
/// <see cref="TopicsFileValidator"/>, <see cref="PersonFileValidator"/>, <see cref="EventFileValidator"/>,
/// <see cref="QuotesFileValidator"/>, <see cref="PositionFileValidator"/>,
/// <see cref="VocabularyFileValidator"/>) over the shared <see cref="FieldReader"/>.
/// The checks that need the whole base (references, duplicate ids, shared aliases, unused sources) are
/// <see cref="FactValidator"/>'s.
/// </summary>
internal static class FactFileValidator
{
    /// <summary>Validates a parsed file of the kind its DTO says.</summary>
    public static FileFacts Validate(ParsedFile file, object dto)
    {
        var read = new FieldReader(file);
        switch (dto)
        {
            case SourcesFile sources:
                SourcesFileValidator.Validate(read, sources);
                break;
            case TopicsFile topics:
                TopicsFileValidator.Validate(read, topics);
                break;
            case PersonFile person:
                PersonFileValidator.Validate(read, person);
                break;
            case EventFile timelineEvent:
                EventFileValidator.Validate(read, timelineEvent);
                break;
            case QuotesFile quotes:
                QuotesFileValidator.Validate(read, quotes);
                break;
            case PositionFile position:
                PositionFileValidator.Validate(read, position);
                break;
            case VocabularyFile vocabulary:
                VocabularyFileValidator.Validate(read, vocabulary);
                break;
            default:
                throw new ArgumentException($"Not a fact file: {dto.GetType().Name}", nameof(dto));
        }

        return read.Result;
    }

    /// <summary>A file that could not be read as YAML (or was empty): one error, no facts.</summary>
    public static FileFacts Unreadable(ParsedFile file, int line, int column, string message)
    {
        var result = new FileFacts(file);
        result.Issues.Add(new FactIssue(file.DisplayPath, line, column, FactIssueSeverity.Error, message));
        return result;
    }
}
