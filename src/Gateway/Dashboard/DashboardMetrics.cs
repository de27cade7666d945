namespace AdOrleans.Gateway.Dashboard;

/// <summary>
/// The metrics a saved view may show: KPI fields of <c>/v1/kpi/summary</c> totals and series points
/// (docs/kpi.md), named as the API names them. Tiles may also show the lifetime CLV, which has no series.
/// </summary>
public static class DashboardMetrics
{
    public const int MaxTiles = 24;
    public const int MaxCharts = 6;
    public const int MaxNameLength = 80;

    public static readonly IReadOnlySet<string> Charts = new HashSet<string>(StringComparer.Ordinal)
    {
        "impressions", "clicks", "conversions", "spendMicros", "revenueMicros", "purchases", "newCustomers",
        "pageviews", "sessions", "bounces", "posts", "likes", "shares", "comments", "emailsSent", "emailOpens", "emailClicks",
        "ctr", "cvr", "cpcMicros", "cpmMicros", "cpaMicros", "roas", "cacMicros", "bounceRate", "engagementRate",
        "openRate", "clickToOpenRate",
    };

    public static readonly IReadOnlySet<string> Tiles = new HashSet<string>(Charts.Append("clvMicros"), StringComparer.Ordinal);
}
