using Microsoft.Extensions.Options;

namespace Bot.App.Operations;

/// <summary>Fails start-up on limits that would refuse everything or never refill.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = new List<string>();
        Check(options.PerUser, "RateLimits:PerUser", errors);
        Check(options.PerChannel, "RateLimits:PerChannel", errors);
        Check(options.Paging, "RateLimits:Paging", errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

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
