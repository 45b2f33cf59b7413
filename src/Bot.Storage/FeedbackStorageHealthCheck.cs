using Bot.Core.Feedback;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Bot.Storage;

/// <summary>
/// The <c>storage</c> entry of /healthz: the provider and schema version when the database answers within 2 s, else
/// Degraded with the reason (answers still flow; only /report and the moderators' lists need storage). No paths, hosts
/// or connection strings.
/// </summary>
internal sealed class FeedbackStorageHealthCheck(IFeedbackStore store) : IHealthCheck
{
    public const string Name = "storage";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (store is not IFeedbackMaintenance maintenance)
        {
            return HealthCheckResult.Healthy("Feedback storage is provided by the host.");
        }

        var data = new Dictionary<string, object> { ["provider"] = maintenance.Provider };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            data["schemaVersion"] = await maintenance.SchemaVersionAsync(timeout.Token);
            return HealthCheckResult.Healthy($"{maintenance.Provider} answers.", data);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded($"{maintenance.Provider} did not answer within {Timeout.TotalSeconds:0} s; reports cannot be stored.", data: data);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            var reason = e switch
            {
                PostgresException postgres => $"{postgres.SqlState}: {postgres.MessageText}",
                FeedbackStorageException => "the database schema is newer than this build",
                _ => e.GetType().Name,
            };
            return HealthCheckResult.Degraded($"{maintenance.Provider} failed ({reason}); reports cannot be stored.", data: data);
        }
    }
}
