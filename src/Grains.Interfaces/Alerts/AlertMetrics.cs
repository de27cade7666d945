using AdOrleans.Grains.Kpi;

namespace AdOrleans.Grains.Alerts;

/// <summary>
/// What a rule's <c>metric</c> can name: every KPI field of docs/kpi.md, computed from counters summed over the
/// window as the KPI endpoints compute them, and the pipeline-health gauges. <see cref="Metric.Volume"/> is what the
/// volume guard (<c>minVolume</c>) compares: a ratio's denominator, a counter itself.
/// </summary>
public static class AlertMetrics
{
    public const string Lag = "lag";
    public const string DeadLetters = "deadLetters";
    public const string SilosDown = "silosDown";

    public static readonly IReadOnlyList<string> Health = [Lag, DeadLetters, SilosDown];

    private static readonly Dictionary<string, Metric> KpiMetrics = Build();

    public static IEnumerable<string> Names => KpiMetrics.Keys.Concat(Health);

    public static bool IsHealth(string metric) => Health.Contains(metric);

    public static bool IsKnown(string metric) => KpiMetrics.ContainsKey(metric) || IsHealth(metric);

    public static Metric? Kpi(string metric) => KpiMetrics.GetValueOrDefault(metric);

    private static Dictionary<string, Metric> Build()
    {
        var metrics = new Dictionary<string, Metric>(StringComparer.Ordinal);
        foreach (var counter in Enum.GetValues<KpiCounter>().Where(c => c != KpiCounter.PurchaseRevenueMicros))
        {
            var name = char.ToLowerInvariant(counter.ToString()[0]) + counter.ToString()[1..];
            metrics[name] = new Metric(c => c[(int)counter], c => c[(int)counter], CountingNoise);
        }

        static long Get(long[] c, KpiCounter k) => c[(int)k];
        void Ratio(string name, Func<long[], long> numerator, KpiCounter denominator, double scale = 1, bool proportion = false) =>
            metrics[name] = new Metric(c => Get(c, denominator) == 0 ? null : numerator(c) * scale / Get(c, denominator), c => Get(c, denominator), proportion ? ProportionNoise : NoNoiseModel);

        Ratio("ctr", c => Get(c, KpiCounter.Clicks), KpiCounter.Impressions, proportion: true);
        Ratio("cvr", c => Get(c, KpiCounter.Conversions), KpiCounter.Clicks, proportion: true);
        Ratio("cpcMicros", c => Get(c, KpiCounter.SpendMicros), KpiCounter.Clicks);
        Ratio("cpmMicros", c => Get(c, KpiCounter.SpendMicros), KpiCounter.Impressions, 1000);
        Ratio("cpaMicros", c => Get(c, KpiCounter.SpendMicros), KpiCounter.Conversions);
        Ratio("roas", c => Get(c, KpiCounter.RevenueMicros), KpiCounter.SpendMicros);
        Ratio("cacMicros", c => Get(c, KpiCounter.SpendMicros), KpiCounter.NewCustomers);
        Ratio("bounceRate", c => Get(c, KpiCounter.Bounces), KpiCounter.Sessions, proportion: true);
        Ratio("engagementRate", c => Get(c, KpiCounter.Likes) + Get(c, KpiCounter.Shares) + Get(c, KpiCounter.Comments), KpiCounter.Posts);
        Ratio("openRate", c => Get(c, KpiCounter.EmailOpens), KpiCounter.EmailsSent, proportion: true);
        Ratio("clickToOpenRate", c => Get(c, KpiCounter.EmailClicks), KpiCounter.EmailOpens, proportion: true);
        static long Scored(long[] c) => Get(c, KpiCounter.SentimentPositive) + Get(c, KpiCounter.SentimentNeutral) + Get(c, KpiCounter.SentimentNegative);
        metrics["sentimentScore"] = new Metric(c => Scored(c) == 0 ? null : Get(c, KpiCounter.SentimentScoreMilli) / 1000.0 / Scored(c), Scored, NoNoiseModel);
        metrics["negativeShare"] = new Metric(c => Scored(c) == 0 ? null : (double)Get(c, KpiCounter.SentimentNegative) / Scored(c), Scored, ProportionNoise);
        return metrics;
    }

    /// <summary>A count of independent events varies by about √count (Poisson).</summary>
    private static double CountingNoise(double level, long volume) => Math.Sqrt(Math.Max(level, 0));

    /// <summary>A share of <c>volume</c> trials varies by √(p(1 − p) / n) (binomial).</summary>
    private static double ProportionNoise(double level, long volume)
    {
        var p = Math.Clamp(level, 0, 1);
        return volume > 0 ? Math.Sqrt(p * (1 - p) / volume) : 0;
    }

    /// <summary>Money ratios and mean scores: no simple sampling model, the history's spread alone scales them.</summary>
    private static double NoNoiseModel(double level, long volume) => 0;

    /// <summary>
    /// <see cref="Value"/> is null when the ratio's denominator is 0 (nothing to judge). <see cref="Noise"/> is how
    /// much chance alone moves the metric at a level with a volume (one standard deviation): anomaly rules never
    /// scale a deviation by less (<c>AnomalyModel</c>).
    /// </summary>
    public sealed record Metric(Func<long[], double?> Value, Func<long[], long> Volume, Func<double, long, double> Noise);
}
