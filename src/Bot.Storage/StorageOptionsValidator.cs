using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Storage;

/// <summary>Lists every problem with the <c>Storage</c> section at once, naming settings but never their values.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var provider = options.Provider?.Trim();
        var isSqlite = string.Equals(provider, StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase);
        var isPostgres = string.Equals(provider, StorageOptions.Postgres, StringComparison.OrdinalIgnoreCase);
        if (!isSqlite && !isPostgres)
        {
            problems.Add("Storage:Provider must be 'sqlite' (the default) or 'postgres'.");
        }

        if (isSqlite)
        {
            if (string.IsNullOrWhiteSpace(options.DataPath))
            {
                problems.Add("Storage:DataPath must name a folder (default 'data', relative to the content root).");
            }
            else if (options.DataPath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            {
                problems.Add("Storage:DataPath contains characters that are not allowed in a path.");
            }
        }

        var retention = options.Retention ?? new StorageRetentionOptions();
        if (retention.UnansweredQuestionDays is < 0 or > StorageRetentionOptions.MaxDays)
        {
            problems.Add($"Storage:Retention:UnansweredQuestionDays must be 0 (keep forever) to {StorageRetentionOptions.MaxDays} (it is {retention.UnansweredQuestionDays}).");
        }

        if (retention.ResolvedReportDays is < 0 or > StorageRetentionOptions.MaxDays)
        {
            problems.Add($"Storage:Retention:ResolvedReportDays must be 0 (keep forever) to {StorageRetentionOptions.MaxDays} (it is {retention.ResolvedReportDays}).");
        }

        if (isPostgres && options.Schema is { } schema && !IsSchemaName(schema))
        {
            problems.Add("Storage:Schema must be a plain PostgreSQL schema name: a letter or '_', then letters, digits or '_', at most 63 characters.");
        }

        if (isPostgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                problems.Add("Storage:ConnectionString is required when Storage:Provider is 'postgres' (e.g. Host=…;Database=…;Username=…;Password=…).");
            }
            else
            {
                problems.AddRange(PostgresProblems(options.ConnectionString));
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsSchemaName(string schema) =>
        schema.Length is > 0 and <= 63 && (char.IsAsciiLetter(schema[0]) || schema[0] == '_')
        && schema.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static List<string> PostgresProblems(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // the exception message may quote the value (a password): say only which setting is wrong
            return ["Storage:ConnectionString is not a valid Npgsql connection string."];
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            problems.Add("Storage:ConnectionString must name a Host.");
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            problems.Add("Storage:ConnectionString must name a Database.");
        }

        return problems;
    }
}
