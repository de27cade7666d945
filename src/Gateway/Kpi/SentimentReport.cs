using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Grains.Kpi;

namespace AdOrleans.Gateway.Kpi;

/// <summary>Scored social texts of a scope: counts per class, their mean score in [−1, 1] and the negative share (null when none was scored).</summary>
public sealed record SentimentValues(long Positive, long Neutral, long Negative, long Scored, double? MeanScore, double? NegativeShare)
{
    public static SentimentValues From(long[] c)
    {
        var (positive, neutral, negative) = (c[(int)KpiCounter.SentimentPositive], c[(int)KpiCounter.SentimentNeutral], c[(int)KpiCounter.SentimentNegative]);
        var scored = positive + neutral + negative;
        return new(positive, neutral, negative, scored, KpiMath.Ratio(c[(int)KpiCounter.SentimentScoreMilli], 1000 * scored), KpiMath.Ratio(negative, scored));
    }
}

public sealed record CampaignSentiment(string CampaignId, string? Advertiser, SentimentValues Sentiment);

public sealed record BrandSentiment(string Advertiser, SentimentValues Sentiment);

/// <summary>
/// <c>GET /v1/kpi/sentiment</c>: the totals of the asked scope at the top level (the contract's positive/neutral/negative
/// and mean score), and the same per campaign and per brand (the campaign's advertiser) that had scored texts.
/// </summary>
public sealed record SentimentReport(
    DateTimeOffset From, DateTimeOffset To, string? CampaignId, string? Advertiser,
    long Positive, long Neutral, long Negative, long Scored, double? MeanScore, double? NegativeShare,
    IReadOnlyList<CampaignSentiment> Campaigns, IReadOnlyList<BrandSentiment> Brands)
{
    /// <summary>
    /// Per-campaign rows from the campaign dimension; without a campaign or advertiser filter the totals come from the
    /// channel dimension, which also holds texts that named no campaign.
    /// </summary>
    public static async Task<SentimentReport> BuildAsync(
        IKpiQueries queries, AuctionIndex index, KpiRange range, string? campaignId, string? advertiser, CancellationToken ct)
    {
        var granularity = range.AlignedGranularity;
        var rows = await queries.TotalsByIdAsync(KpiDimensions.Campaign, granularity, range.From, range.To, ct);
        var campaigns = rows
            .Select(r => (Row: r, Advertiser: index.TryGetCampaign(r.Id, out var c) ? c.Config.Advertiser : null))
            .Where(x => (campaignId is null || x.Row.Id == campaignId) && (advertiser is null || x.Advertiser == advertiser))
            .Select(x => (x.Row.Counters, Line: new CampaignSentiment(x.Row.Id, x.Advertiser, SentimentValues.From(x.Row.Counters))))
            .Where(x => x.Line.Sentiment.Scored > 0)
            .ToList();
        var totals = campaignId is null && advertiser is null
            ? KpiMath.Sum((await queries.TotalsByIdAsync(KpiDimensions.Channel, granularity, range.From, range.To, ct)).Select(r => r.Counters))
            : KpiMath.Sum(campaigns.Select(c => c.Counters));
        var brands = campaigns.Where(c => c.Line.Advertiser is not null).GroupBy(c => c.Line.Advertiser!, StringComparer.Ordinal)
            .Select(g => new BrandSentiment(g.Key, SentimentValues.From(KpiMath.Sum(g.Select(c => c.Counters)))))
            .OrderBy(b => b.Advertiser, StringComparer.Ordinal).ToList();
        var all = SentimentValues.From(totals);
        return new SentimentReport(
            KpiRange.Time(range.From), KpiRange.Time(range.To), campaignId, advertiser,
            all.Positive, all.Neutral, all.Negative, all.Scored, all.MeanScore, all.NegativeShare,
            [.. campaigns.Select(c => c.Line).OrderBy(c => c.CampaignId, StringComparer.Ordinal)], brands);
    }
}
