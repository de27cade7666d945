using AdOrleans.Grains.Attribution;

namespace AdOrleans.Gateway.Attribution;

/// <summary>
/// Builds a model's report from the stored rows (pure). Credits are integers (nano-conversions, revenue micros), so
/// totals are exact. Markov splits the conversions and revenue of the window by the channels' removal effects over
/// every path in it, then each channel's share over campaigns as the linear model splits that channel.
/// </summary>
public static class AttributionReports
{
    public static AttributionReport Build(string model, DateTimeOffset from, DateTimeOffset to, AttributionData data)
    {
        var credits = model == AttributionModels.Markov ? MarkovCredits(data) : [.. data.Credits.Where(c => c.Model == model)];
        var channels = credits.GroupBy(c => c.Channel, StringComparer.Ordinal)
            .Select(g => new ChannelCredit(g.Key, Conversions(g.Sum(c => c.NanoConversions)), g.Sum(c => c.RevenueMicros)))
            .Where(c => c.Conversions != 0 || c.RevenueMicros != 0)
            .OrderByDescending(c => c.Conversions).ThenBy(c => c.Channel, StringComparer.Ordinal).ToList();
        var campaigns = credits.Where(c => c.CampaignId.Length > 0).GroupBy(c => c.CampaignId, StringComparer.Ordinal)
            .Select(g => new CampaignCredit(g.Key, Conversions(g.Sum(c => c.NanoConversions)), g.Sum(c => c.RevenueMicros)))
            .Where(c => c.Conversions != 0 || c.RevenueMicros != 0)
            .OrderByDescending(c => c.Conversions).ThenBy(c => c.CampaignId, StringComparer.Ordinal).ToList();
        return new AttributionReport(model, from, to, Conversions(credits.Sum(c => c.NanoConversions)), credits.Sum(c => c.RevenueMicros), channels, campaigns);
    }

    private static decimal Conversions(long nano) => nano / (decimal)Apportion.Unit;

    private static List<AttributionCredit> MarkovCredits(AttributionData data)
    {
        var conversions = data.Paths.Sum(p => p.Conversions);
        var effects = MarkovRemoval.Effects(data.Paths).Where(e => e.Effect > 0).ToList();
        var linear = data.Credits.Where(c => c.Model == AttributionModels.Linear).ToList();
        var revenue = linear.Sum(c => c.RevenueMicros);
        if (conversions == 0 || effects.Count == 0)
        {
            return [];
        }

        var weights = effects.Select(e => e.Effect).ToList();
        var nanos = Apportion.Split(conversions * Apportion.Unit, weights);
        var revenues = Apportion.Split(revenue, weights);
        var result = new List<AttributionCredit>();
        for (var i = 0; i < effects.Count; i++)
        {
            var channel = effects[i].Channel;
            var campaigns = linear.Where(c => c.Channel == channel && c.NanoConversions > 0).ToList();
            if (campaigns.Count == 0)
            {
                result.Add(new AttributionCredit(AttributionModels.Markov, channel, "", nanos[i], revenues[i]));
                continue;
            }

            var shares = campaigns.Select(c => (double)c.NanoConversions).ToList();
            var campaignNanos = Apportion.Split(nanos[i], shares);
            var campaignRevenues = Apportion.Split(revenues[i], shares);
            result.AddRange(campaigns.Select((c, k) => new AttributionCredit(AttributionModels.Markov, channel, c.CampaignId, campaignNanos[k], campaignRevenues[k])));
        }

        return result;
    }
}
