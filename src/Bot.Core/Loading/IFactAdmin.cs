using Bot.Core.Facts;

namespace Bot.Core.Loading;

/// <summary>What moderators can do to the running fact base (the host implements it; the command line has none).</summary>
public interface IFactAdmin
{
    /// <summary>The fact base now serving, and the errors of the last load if it was refused.</summary>
    FactAdminStatus Status();

    /// <summary>Loads the folder now; a broken folder is refused and the last good base keeps serving.</summary>
    FactAdminStatus Reload();

    /// <summary>Validates the folder as it is on disk now, with warnings (facts not reviewed for a long time), without swapping.</summary>
    FactLoadReport Check();
}

public sealed record FactAdminStatus(FactBase Serving, string Folder, IReadOnlyList<FactIssue> LastErrors, bool Reloaded);
