using Bot.App.Facts.Git;
using Microsoft.Extensions.Options;

namespace Bot.App.Facts;

/// <summary>Fails start-up when a configured fact folder does not exist, naming the folder, or the git source is misconfigured.</summary>
internal sealed class FactsOptionsValidator : IValidateOptions<FactsOptions>
{
    public ValidateOptionsResult Validate(string? name, FactsOptions options)
    {
        if (options.DebounceMilliseconds is < 0 or > 60_000 || options.PollMilliseconds is < 100 or > 600_000)
        {
            return ValidateOptionsResult.Fail("Facts:DebounceMilliseconds must be 0–60000 and Facts:PollMilliseconds 100–600000.");
        }

        if (options.MaxFileBytes < 1024 || options.MaxBaseBytes < options.MaxFileBytes)
        {
            return ValidateOptionsResult.Fail("Facts:MaxFileBytes must be at least 1024 and Facts:MaxBaseBytes at least Facts:MaxFileBytes.");
        }

        if (options.Git.Enabled)
        {
            var problems = FactsGitOptionsValidator.Problems(options.Git);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }

        if (string.IsNullOrWhiteSpace(options.Path))
        {
            return FactsLocator.Find(null) is null
                ? ValidateOptionsResult.Fail("Facts:Path is not set and no bundled facts/ folder was found next to the app or above the working directory.")
                : ValidateOptionsResult.Success;
        }

        return Directory.Exists(options.Path)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Facts:Path '{options.Path}' is not a folder.");
    }
}
