using Bot.App.Facts.Git;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.App.Facts;

/// <summary>
/// Healthy while a fact base serves; Degraded when the last reload failed and an older base still serves. With a git
/// source it names the commit served and, when a newer commit was refused or the last fetch failed, that commit, its
/// author and the diagnostics, or the fetch's problem.
/// </summary>
internal sealed class FactBaseHealthCheck(FactStore store, GitFactSource? git = null) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!store.IsLoaded)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The fact base is not loaded."));
        }

        var facts = store.Current;
        var data = new Dictionary<string, object>
        {
            ["version"] = facts.Version,
            ["people"] = facts.People.Count,
            ["events"] = facts.Events.Count,
            ["quotes"] = facts.Quotes.Count,
            ["sources"] = facts.Sources.Count,
            ["topics"] = facts.Topics.Count,
            ["loadedAt"] = facts.LoadedAt,
        };
        if (git?.Serving is { } serving)
        {
            data["commit"] = serving.Short;
            data["author"] = serving.Author;
        }

        if (git?.Refused is { } refused)
        {
            data["refusedCommit"] = refused.Commit.Short;
            data["refusedAuthor"] = refused.Commit.Author;
            data["errors"] = refused.Problems.Select(e => e.ToString()).ToArray();
            return Task.FromResult(HealthCheckResult.Degraded($"Commit {refused.Commit.Short} was refused; commit {git.Serving?.Short} keeps serving.", data: data));
        }

        if (git?.FetchProblem is { } problem)
        {
            data["fetchProblem"] = problem;
            return Task.FromResult(HealthCheckResult.Degraded("The last fetch of the fact repository failed; the served commit keeps serving.", data: data));
        }

        if (store.LastErrors.Count > 0)
        {
            data["errors"] = store.LastErrors.Select(e => e.ToString()).ToArray();
            return Task.FromResult(HealthCheckResult.Degraded("The last fact reload failed; the previous base keeps serving.", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy("Fact base loaded.", data));
    }
}
