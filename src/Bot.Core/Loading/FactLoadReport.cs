using Bot.Core.Facts;

namespace Bot.Core.Loading;

/// <summary>
/// The result of loading a fact folder: the snapshot when there are no errors, and every issue found, in file order.
/// </summary>
public sealed record FactLoadReport(FactBase? Facts, IReadOnlyList<FactIssue> Issues)
{
    /// <summary>The folder listing the load read from: a later listing that differs means the files changed since.</summary>
    public FactFolderScan? Scan { get; init; }

    public bool HasErrors => Issues.Any(i => i.Severity == FactIssueSeverity.Error);

    public IEnumerable<FactIssue> Errors => Issues.Where(i => i.Severity == FactIssueSeverity.Error);

    public IEnumerable<FactIssue> Warnings => Issues.Where(i => i.Severity == FactIssueSeverity.Warning);
}
