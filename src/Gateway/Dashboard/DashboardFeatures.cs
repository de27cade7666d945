using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Dashboard;

/// <summary>
/// Which APIs this server build maps, read from its own route table. The dashboard asks once instead
/// of probing each API for a 404, so a server without (say) the KPI API shows an explanatory empty
/// state and the browser console stays clean.
/// </summary>
public sealed partial record DashboardFeatures(
    bool Cluster,
    bool ClusterHistory,
    bool Kpi,
    bool KpiStream,
    bool KpiTop,
    bool Campaigns,
    bool CampaignActions,
    bool Alerts,
    bool Experiments,
    bool Sentiment,
    bool Attribution,
    bool Budget,
    bool BudgetApply,
    bool Audiences,
    bool Lake,
    bool Views)
{
    public static DashboardFeatures From(EndpointDataSource endpoints)
    {
        var routes = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(e => Normalize(e.RoutePattern.RawText ?? ""))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new DashboardFeatures(
            routes.Contains("v1/cluster"),
            routes.Contains("v1/cluster/history"),
            routes.Contains("v1/kpi/summary") && routes.Contains("v1/kpi/channels"),
            routes.Contains("v1/kpi/stream"),
            routes.Contains("v1/kpi/top"),
            routes.Contains("v1/campaigns") && routes.Contains("v1/campaigns/{}"),
            routes.Contains("v1/campaigns/{}/pause"),
            routes.Contains("v1/alerts"),
            routes.Contains("v1/experiments") && routes.Contains("v1/experiments/{}"),
            routes.Contains("v1/kpi/sentiment"),
            routes.Contains("v1/attribution/compare"),
            routes.Contains("v1/budget/recommendations"),
            routes.Contains("v1/budget/recommendations/apply"),
            routes.Contains("v1/segments/clusters") && routes.Contains("v1/segments/clusters/{}"),
            routes.Contains("v1/lake/query"),
            routes.Contains("v1/dashboard/views"));
    }

    /// <summary>"/v1/campaigns/{id:required}/" and "v1/campaigns/{campaignId}" both become "v1/campaigns/{}".</summary>
    private static string Normalize(string pattern) => Parameter().Replace(pattern.Trim('/'), "{}");

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
