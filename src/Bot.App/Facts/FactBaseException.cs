using Bot.Core.Loading;

namespace Bot.App.Facts;

/// <summary>The fact base could not be loaded; the message lists every problem as path:line:col.</summary>
public sealed class FactBaseException : Exception
{
    public FactBaseException()
    {
    }

    public FactBaseException(string message)
        : base(message)
    {
    }

    public FactBaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FactBaseException(string folder, IEnumerable<FactIssue> errors)
        : base($"The fact base in '{folder}' has errors:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}")
    {
    }
}
