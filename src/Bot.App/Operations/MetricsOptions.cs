namespace Bot.App.Operations;

/// <summary><c>Metrics</c>: the Prometheus scrape endpoint.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Serve <c>GET /metrics</c>. The figures hold no secrets or user data; still, expose the path only to your scraper.</summary>
    public bool Enabled { get; set; } = true;
}
