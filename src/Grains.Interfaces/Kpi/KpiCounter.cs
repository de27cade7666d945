namespace AdOrleans.Grains.Kpi;

/// <summary>
/// The integer counters of one rollup bucket. The order is the column order of the rollup table;
/// append new counters at the end (a new migration adds the column).
/// </summary>
public enum KpiCounter
{
    Impressions,
    Clicks,
    Conversions,
    SpendMicros,
    RevenueMicros,
    Purchases,
    PurchaseRevenueMicros,
    NewCustomers,
    Pageviews,
    Sessions,
    Bounces,
    Posts,
    Likes,
    Shares,
    Comments,
    EmailsSent,
    EmailOpens,
    EmailClicks,
    Restated,
    TooLate,

    // Social texts scored by the gateway (docs/kpi.md, "Sentiment"); migration kpi-0002-sentiment.
    SentimentPositive,
    SentimentNeutral,
    SentimentNegative,

    /// <summary>Sum of the scores × 1000, rounded: the mean score is this / 1000 / scored texts.</summary>
    SentimentScoreMilli,
}

public static class KpiCounters
{
    public const int Count = (int)KpiCounter.SentimentScoreMilli + 1;

    /// <summary>The counters of the first rollup migration (kpi-0001-rollups); later ones add columns.</summary>
    public const int FirstMigrationCount = (int)KpiCounter.TooLate + 1;

    /// <summary>Added by kpi-0002-sentiment.</summary>
    public static IEnumerable<string> SentimentColumns => Columns.Skip(FirstMigrationCount);

    /// <summary>snake_case column names, index = <see cref="KpiCounter"/>.</summary>
    public static readonly IReadOnlyList<string> Columns = [.. Enum.GetNames<KpiCounter>().Select(ToSnakeCase)];

    public static long[] New() => new long[Count];

    public static void AddTo(long[] target, long[] delta)
    {
        for (var i = 0; i < Count; i++)
        {
            target[i] += delta[i];
        }
    }

    private static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
