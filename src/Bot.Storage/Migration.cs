namespace Bot.Storage;

/// <summary>One numbered schema step. Versions start at 1 and increase by one; a step is never edited once shipped.</summary>
internal sealed record Migration(int Version, string Description, string Sql)
{
    /// <summary>Throws when the list is not 1, 2, 3, … (a programming error caught by the tests).</summary>
    public static IReadOnlyList<Migration> Checked(params Migration[] migrations)
    {
        for (var i = 0; i < migrations.Length; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migration {migrations[i].Version} is out of order: expected {i + 1}.");
            }
        }

        return migrations;
    }

    public static FeedbackStorageException TooNew(int databaseVersion, int knownVersion) =>
        new($"The feedback database has schema version {databaseVersion}, but this build knows only up to {knownVersion}. Run a newer build, or point Storage at another database.");
}
