using Bot.Storage;
using Microsoft.Extensions.Options;

namespace Bot.App.Operations;

/// <summary>
/// Fails start-up on limits that would refuse everything or never refill, and on shared limits without a shared
/// database.
/// </summary>
internal sealed class RateLimitOptionsValidator(IConfiguration configuration) : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = new List<string>();
        if (options.Enabled && options.Shared && !IsPostgres(configuration))
        {
            var provider = configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Provider)}"];
            errors.Add($"RateLimits:Shared=true needs Storage:Provider=postgres, the database the replicas share (it is {(string.IsNullOrWhiteSpace(provider) ? StorageOptions.Sqlite : provider)}).");
        }

        Check(options.PerUser, "RateLimits:PerUser", errors);
        Check(options.PerChannel, "RateLimits:PerChannel", errors);
        Check(options.Paging, "RateLimits:Paging", errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Whether <c>Storage:Provider</c> names PostgreSQL (the storage section is validated on its own).</summary>
    internal static bool IsPostgres(IConfiguration configuration) =>
        string.Equals(configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Provider)}"]?.Trim(), StorageOptions.Postgres, StringComparison.OrdinalIgnoreCase);

    private static void Check(RateLimitWindow window, string key, List<string> errors)
    {
        if (window.Permits is < 1 or > 10_000)
        {
            errors.Add($"{key}:Permits must be 1–10000 (it is {window.Permits}).");
        }

        if (window.Window < TimeSpan.FromSeconds(1) || window.Window > TimeSpan.FromHours(24))
        {
            errors.Add($"{key}:Window must be between 00:00:01 and 1.00:00:00 (it is {window.Window}).");
        }
    }
}
