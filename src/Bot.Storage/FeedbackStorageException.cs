namespace Bot.Storage;

/// <summary>The feedback database cannot be used as it is (for example, its schema is newer than this build).</summary>
public sealed class FeedbackStorageException : Exception
{
    public FeedbackStorageException()
    {
    }

    public FeedbackStorageException(string message)
        : base(message)
    {
    }

    public FeedbackStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
