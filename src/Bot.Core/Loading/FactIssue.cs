using System.Globalization;

namespace Bot.Core.Loading;

/// <summary>One problem in a fact file, located to the line and column (1-based) where an editor should look.</summary>
public sealed record FactIssue(string Path, int Line, int Column, FactIssueSeverity Severity, string Message)
{
    /// <summary>The compiler-style form editors and CI understand: <c>path:line:col: error: message</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Path}:{Line}:{Column}: {(Severity == FactIssueSeverity.Error ? "error" : "warning")}: {Message}");
}
