using System.Text;
using Bot.App.Facts;
using Bot.Core.Editing;
using Bot.Core.Loading;

namespace Bot.App.Editing;

/// <summary>
/// Writes chat edits straight into the fact folder when the facts are not kept in git: validates the change on a
/// private copy with the real loader, writes every file next to its target and renames it into place (all files or
/// none), reloads so the change is live at once, and keeps an audit row in the bot's database.
/// </summary>
internal sealed partial class FolderFactWriter(
    FactStore store,
    FactBaseLoader loader,
    ILogger<FolderFactWriter> logger,
    IFactChangeLog? log = null)
    : IFactWriter
{
    private readonly Lock _gate = new();

    public async Task<FactWriteResult> WriteAsync(FactChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var result = Write(change);
        if (!result.Written)
        {
            return result;
        }

        Log.Written(logger, string.Join(", ", change.Edits.Select(e => e.RelativePath)));
        if (log is not null)
        {
            try
            {
                await log.RecordChangeAsync(change.Author, change.Message, null, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.AuditFailed(logger, ex); // the change is written and live; losing its audit row must not undo that
            }
        }

        return result;
    }

    /// <summary>Validate, write and reload under one lock: two edits never interleave, and each sees the other's files.</summary>
    private FactWriteResult Write(FactChange change)
    {
        lock (_gate)
        {
            var staged = FactStagedChange.Stage(store.Folder, change, loader);
            if (!staged.IsValid)
            {
                return new FactWriteResult(false, null, staged.Problems);
            }

            try
            {
                Install(store.Folder, staged.NewTexts);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.WriteFailed(logger, ex, staged.NewTexts.Count);
                return new FactWriteResult(false, null, [$"the fact folder could not be written ({ex.GetType().Name}); nothing was changed"]);
            }

            store.Reload(); // live now, not at the watcher's next look
            return new FactWriteResult(true, null, []);
        }
    }

    public async Task<IReadOnlyList<FactHistoryEntry>> HistoryAsync(int count, CancellationToken cancellationToken) =>
        log is null ? [] : await log.RecentChangesAsync(Math.Max(1, count), cancellationToken);

    /// <summary>
    /// Every new text goes to a temporary file beside its target first (not a .yaml name, so no load reads it); then
    /// each replaces its target by rename, keeping a backup; if any rename fails, the ones done are put back.
    /// </summary>
    private static void Install(string folder, IReadOnlyDictionary<string, string> texts)
    {
        var suffix = "." + Guid.NewGuid().ToString("N")[..12];
        var staged = new List<(string Temp, string Target)>();
        try
        {
            foreach (var (relative, text) in texts)
            {
                var target = Path.Combine(folder, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var temp = target + suffix + ".tmp";
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                {
                    stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
                    stream.Flush(flushToDisk: true);
                }

                staged.Add((temp, target));
            }
        }
        catch
        {
            staged.ForEach(s => File.Delete(s.Temp));
            throw;
        }

        var done = new List<(string Target, string? Backup)>();
        try
        {
            foreach (var (temp, target) in staged)
            {
                if (File.Exists(target))
                {
                    var backup = target + suffix + ".bak";
                    File.Replace(temp, target, backup);
                    done.Add((target, backup));
                }
                else
                {
                    File.Move(temp, target);
                    done.Add((target, null));
                }
            }
        }
        catch
        {
            for (var i = done.Count - 1; i >= 0; i--)
            {
                if (done[i].Backup is { } backup)
                {
                    File.Move(backup, done[i].Target, overwrite: true);
                }
                else
                {
                    File.Delete(done[i].Target);
                }
            }

            staged.ForEach(s => File.Delete(s.Temp));
            throw;
        }

        foreach (var (_, backup) in done)
        {
            if (backup is not null)
            {
                File.Delete(backup);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4101, LogLevel.Information, "A chat edit was written to the fact folder: {Files}")]
        public static partial void Written(ILogger logger, string files);

        [LoggerMessage(4102, LogLevel.Error, "A chat edit of {Count} file(s) could not be written; nothing was changed")]
        public static partial void WriteFailed(ILogger logger, Exception exception, int count);

        [LoggerMessage(4103, LogLevel.Error, "A chat edit was written, but its audit row could not be stored")]
        public static partial void AuditFailed(ILogger logger, Exception exception);
    }
}
