using System.Text.Json.Serialization;
using AdOrleans.Grains.Kpi;

namespace AdOrleans.Gateway.Kpi;

/// <summary>
/// The KPIs of one bucket or range, computed from summed integer counters. Every ratio is null when
/// its denominator is 0 (never NaN or infinity). Money ratios are micros, rounded half away from zero.
/// </summary>
public sealed class KpiValues
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? BucketStart { get; init; }

    public long Impressions { get; init; }
    public long Clicks { get; init; }
    public long Conversions { get; init; }
    public long SpendMicros { get; init; }
    public long RevenueMicros { get; init; }
    public double? Ctr { get; init; }
    public double? Cvr { get; init; }
    public long? CpcMicros { get; init; }
    public long? CpmMicros { get; init; }
    public long? CpaMicros { get; init; }

    /// <summary>Revenue ÷ spend; in the summary's totals ad-attributed revenue ÷ spend (<see cref="AdRevenueMicros"/>).</summary>
    public double? Roas { get; init; }

    /// <summary>
    /// Revenue of events that named a campaign (summed over the campaign dimension); only in the summary's totals,
    /// where channel rows would otherwise add campaign-less revenue (web purchases) to the ad spend's return.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? AdRevenueMicros { get; init; }

    public long Purchases { get; init; }
    public long NewCustomers { get; init; }
    public long? CacMicros { get; init; }
    public long Pageviews { get; init; }
    public long Sessions { get; init; }
    public long Bounces { get; init; }
    public double? BounceRate { get; init; }
    public long Posts { get; init; }
    public long Likes { get; init; }
    public long Shares { get; init; }
    public long Comments { get; init; }
    public double? EngagementRate { get; init; }
    public long EmailsSent { get; init; }
    public long EmailOpens { get; init; }
    public long EmailClicks { get; init; }
    public double? OpenRate { get; init; }
    public double? ClickToOpenRate { get; init; }
    public long Restated { get; init; }
    public long TooLate { get; init; }
    public long SentimentPositive { get; init; }
    public long SentimentNeutral { get; init; }
    public long SentimentNegative { get; init; }

    /// <summary>Mean score in [−1, 1] of the scored social texts; null when none was scored.</summary>
    public double? SentimentScore { get; init; }

    /// <summary>Negative texts / scored texts.</summary>
    public double? NegativeShare { get; init; }

    /// <summary>With <paramref name="adRevenueMicros"/> ROAS is that ÷ spend; without it the revenue counted here ÷ spend.</summary>
    public static KpiValues From(long[] c, DateTimeOffset? bucketStart = null, long? adRevenueMicros = null)
    {
        long Get(KpiCounter k) => c[(int)k];
        var (impressions, clicks, conversions, spend) = (Get(KpiCounter.Impressions), Get(KpiCounter.Clicks), Get(KpiCounter.Conversions), Get(KpiCounter.SpendMicros));
        var engagements = Get(KpiCounter.Likes) + Get(KpiCounter.Shares) + Get(KpiCounter.Comments);
        var scored = Get(KpiCounter.SentimentPositive) + Get(KpiCounter.SentimentNeutral) + Get(KpiCounter.SentimentNegative);
        return new KpiValues
        {
            BucketStart = bucketStart,
            Impressions = impressions,
            Clicks = clicks,
            Conversions = conversions,
            SpendMicros = spend,
            RevenueMicros = Get(KpiCounter.RevenueMicros),
            Ctr = KpiMath.Ratio(clicks, impressions),
            Cvr = KpiMath.Ratio(conversions, clicks),
            CpcMicros = KpiMath.Micros(spend, clicks),
            CpmMicros = KpiMath.Micros(spend, impressions, scale: 1000),
            CpaMicros = KpiMath.Micros(spend, conversions),
            Roas = KpiMath.Ratio(adRevenueMicros ?? Get(KpiCounter.RevenueMicros), spend),
            AdRevenueMicros = adRevenueMicros,
            Purchases = Get(KpiCounter.Purchases),
            NewCustomers = Get(KpiCounter.NewCustomers),
            CacMicros = KpiMath.Micros(spend, Get(KpiCounter.NewCustomers)),
            Pageviews = Get(KpiCounter.Pageviews),
            Sessions = Get(KpiCounter.Sessions),
            Bounces = Get(KpiCounter.Bounces),
            BounceRate = KpiMath.Ratio(Get(KpiCounter.Bounces), Get(KpiCounter.Sessions)),
            Posts = Get(KpiCounter.Posts),
            Likes = Get(KpiCounter.Likes),
            Shares = Get(KpiCounter.Shares),
            Comments = Get(KpiCounter.Comments),
            EngagementRate = KpiMath.Ratio(engagements, Get(KpiCounter.Posts)),
            EmailsSent = Get(KpiCounter.EmailsSent),
            EmailOpens = Get(KpiCounter.EmailOpens),
            EmailClicks = Get(KpiCounter.EmailClicks),
            OpenRate = KpiMath.Ratio(Get(KpiCounter.EmailOpens), Get(KpiCounter.EmailsSent)),
            ClickToOpenRate = KpiMath.Ratio(Get(KpiCounter.EmailClicks), Get(KpiCounter.EmailOpens)),
            Restated = Get(KpiCounter.Restated),
            TooLate = Get(KpiCounter.TooLate),
            SentimentPositive = Get(KpiCounter.SentimentPositive),
            SentimentNeutral = Get(KpiCounter.SentimentNeutral),
            SentimentNegative = Get(KpiCounter.SentimentNegative),
            SentimentScore = KpiMath.Ratio(Get(KpiCounter.SentimentScoreMilli), 1000 * scored),
            NegativeShare = KpiMath.Ratio(Get(KpiCounter.SentimentNegative), scored),
        };
    }
}

/// <summary>Customer value so far: every purchase before the end of the range, from the first event on.</summary>
public sealed record KpiLifetime(long Customers, long PurchaseRevenueMicros, long? ClvMicros)
{
    public static KpiLifetime From(long[] c) => new(
        c[(int)KpiCounter.NewCustomers], c[(int)KpiCounter.PurchaseRevenueMicros],
        KpiMath.Micros(c[(int)KpiCounter.PurchaseRevenueMicros], c[(int)KpiCounter.NewCustomers]));
}
