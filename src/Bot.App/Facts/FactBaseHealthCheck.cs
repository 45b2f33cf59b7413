using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.App.Facts;

/// <summary>Healthy while a fact base serves; Degraded when the last reload failed and an older base still serves.</summary>
internal sealed class FactBaseHealthCheck(FactStore store) : IHealthCheck
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
        if (store.LastErrors.Count > 0)
        {
            data["errors"] = store.LastErrors.Select(e => e.ToString()).ToArray();
            return Task.FromResult(HealthCheckResult.Degraded("The last fact reload failed; the previous base keeps serving.", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy("Fact base loaded.", data));
    }
}
