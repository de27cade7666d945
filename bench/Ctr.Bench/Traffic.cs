using AdOrleans.Grains;
using AdOrleans.Simulator.Generation;

namespace AdOrleans.Ctr.Bench;

/// <summary>One served impression: the event the gateway would log, its true click probability and whether it was clicked.</summary>
internal sealed record Served(TrackedEvent Impression, double TrueCtr, bool Clicked);

/// <summary>
/// Simulator traffic (its user pool, catalog and ad opportunities) served by a uniformly random eligible campaign, so
/// every (slot, device, campaign) cell is seen. The true CTR is the catalog campaign's CTR times a slot lift and a
/// device lift: the structure a per-campaign constant cannot express.
/// </summary>
internal static class Traffic
{
    public static readonly IReadOnlyDictionary<string, double> SlotLift = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["sim-s-home-top"] = 1.6, ["sim-s-article"] = 1.0, ["sim-s-sidebar"] = 0.35, ["sim-s-app-banner"] = 1.3, ["sim-s-video-pre"] = 2.2,
    };

    public static readonly IReadOnlyDictionary<string, double> DeviceLift = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["mobile"] = 1.4, ["desktop"] = 0.7, ["tablet"] = 0.5,
    };

    public const int Days = 5;

    private const int MinutesPerRun = Days * 1440;

    public static List<Served> Generate(int seed, int impressions)
    {
        var users = new UserPool(seed, 20_000, 1.0);
        var generator = new TrafficGenerator(seed, $"ctr{seed}", users, [.. Catalog.Slots.Select(s => s.Id)], adShare: 1.0);
        var random = new Random(seed * 7919 + 1);
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        // Five simulated days: the held-out tail (the last day) has hours of the day the model has already seen.
        var step = TimeSpan.FromDays(Days) / MinutesPerRun;
        var served = new List<Served>(impressions);
        var (events, ads) = (new List<SimEvent>(), new List<AdOpportunity>());
        var eligible = new List<SimCampaign>();
        for (var minute = 0; served.Count < impressions; minute++)
        {
            ads.Clear();
            generator.Generate(Math.Max(1, impressions / MinutesPerRun), start + step * minute, start + step * (minute + 1), events, ads);
            foreach (var op in ads.OrderBy(a => a.SimTime))
            {
                eligible.Clear();
                eligible.AddRange(Catalog.Campaigns.Where(c => Eligible(c, op)));
                if (eligible.Count == 0)
                {
                    continue;
                }

                var campaign = eligible[random.Next(eligible.Count)];
                var ctr = Math.Min(0.5, campaign.Ctr * SlotLift[op.SlotId] * DeviceLift[op.User.Device]);
                served.Add(new Served(Impression(op, campaign), ctr, random.NextDouble() < ctr));
            }
        }

        return served;
    }

    private static bool Eligible(SimCampaign c, AdOpportunity op) =>
        c.Slots.Contains(op.SlotId)
        && (c.TargetDevices is null || c.TargetDevices.Contains(op.User.Device))
        && (c.TargetSegments is null || c.TargetSegments.Any(op.User.Segments.Contains));

    private static TrackedEvent Impression(AdOpportunity op, SimCampaign campaign) => new()
    {
        EventId = $"{op.Sequence}:impression", Type = EventTypes.Impression, AuctionId = op.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        CampaignId = campaign.Id, CreativeId = $"{campaign.Id}-cr", SlotId = op.SlotId, Channel = campaign.Channel, UserId = op.User.Id,
        Geo = op.User.Geo, Device = op.User.Device, Segments = op.User.Segments, OccurredAt = op.SimTime, ReceivedAt = op.SimTime,
    };
}
