using AdOrleans.Silo.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace AdOrleans.Kpi.Tests.Alerts;

/// <summary>The KPI test service with an analyst key, fast webhook retries and evaluation.</summary>
internal static class AlertService
{
    public const string AnalystKey = "kpi-analyst-key";
    public const string Secret = "s3cret";

    /// <param name="settings">More configuration on top (e.g. <c>Alerts:Smtp</c>).</param>
    public static EmbeddedServiceFactory Create(string? dataDirectory = null, bool deleteOnDispose = true, IReadOnlyDictionary<string, string>? settings = null) => KpiService.Create(
        dataDirectory: dataDirectory, deleteOnDispose: deleteOnDispose, settings: new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["Auth:AnalystKeys"] = AnalystKey,
            ["Alerts:RetryDelay"] = "00:00:00.050",
            ["Alerts:EvaluateAtMostEvery"] = "00:00:00.100",
            ["Alerts:HealthInterval"] = "00:00:01",
        });

    public static object CtrRule(string id, string campaign, string? url = null, long minVolume = 100) => new
    {
        id,
        name = "CTR drop",
        kind = "threshold",
        metric = "ctr",
        scope = new { campaignId = campaign },
        comparison = "below",
        value = 0.05,
        window = "PT5M",
        minVolume,
        notify = url is null ? Array.Empty<object>() : [new { type = "webhook", url, secret = Secret }],
    };

    /// <summary>Silos record committed buckets for alerts only once they learned a KPI rule exists (refreshed every second).</summary>
    public static Task RulesKnownAsync(this EmbeddedServiceFactory service) =>
        Eventually.TrueAsync(() => Task.FromResult(service.Services.GetRequiredService<AlertRuleWatch>().Active), what: "the silo knowing a KPI rule exists");

    /// <summary>
    /// Impressions and clicks of a campaign, now or <paramref name="daysAgo"/> days ago at this time of day, moved
    /// <paramref name="minutesAgo"/> back (anomaly rules judge complete minutes only).
    /// </summary>
    public static Task TrafficAsync(this EmbeddedServiceFactory service, string campaign, int impressions, int clicks, string prefix, int daysAgo = 0, int minutesAgo = 0)
    {
        var now = DateTimeOffset.UtcNow.AddDays(-daysAgo).AddMinutes(-minutesAgo);
        return service.AppendAsync([
            .. Enumerable.Range(0, impressions).Select(i => Events.Ad($"{prefix}-i{i}", "impression", campaign, $"{prefix}-a{i}", now, 0)),
            .. Enumerable.Range(0, clicks).Select(i => Events.Ad($"{prefix}-c{i}", "click", campaign, $"{prefix}-a{i}", now, 0)),
        ]);
    }
}
