using AdOrleans.Simulator.Generation;
using AdOrleans.Simulator.Options;

namespace AdOrleans.Simulator.Tests;

/// <summary>
/// The run and rules of <see cref="IncidentAlertTests"/>. KPI rules sum whole minute buckets, so a CTR collapse is
/// staged just after a minute boundary (the clicks of the minute before do not dilute it); a spike starting there
/// at ×<see cref="SpikeFactor"/> pushes the minute's pageviews past 1.8 × a normal minute's within 14 s.
/// </summary>
internal static class IncidentRun
{
    public const string CollapseRule = "collapse";
    public const string SpikeRule = "spike";
    public const string ControlRule = "control";
    public const string LagRule = "lag";
    public const string StalledKey = "channel:web";
    public const string CollapsedCampaign = "sim-c-phone-launch";
    public const string ControlCampaign = "sim-c-winter-sale";
    public const double SpikeFactor = 8;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the run may go on once the incidents are over; the tests stop it as soon as their alert has resolved.
    /// The worst case for the collapse: its minute stays below the threshold plus the resolve margin to the end (the
    /// 40 s of normal traffic left in it bring too few clicks, as in 1 CI run of ~30), the next minute lacks the rule's
    /// volume for ~20 s, and the alert resolves when no breach has been seen for a whole window: ~40 s + 60 s.
    /// </summary>
    public static readonly TimeSpan After = TimeSpan.FromSeconds(110);

    public static readonly TimeSpan LagWindow = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Above the lag of normal reading (checkpoints every 200 ms: a few dozen records at 200 events/s), below what the
    /// web channel's ~60 events/s pile up in its stalled partition within 10 s.
    /// </summary>
    private const double LagThreshold = 400;

    private const double EventsPerSecond = 200;
    private const double AdShare = 0.5;

    public static SimulatorOptions Options(int seed) => new()
    {
        EventsPerSecond = EventsPerSecond, TimeScale = 1, Seed = seed, Users = 2000, BatchSize = 100,
        AdShare = AdShare, DiurnalAmplitude = 0, Tracking = "beacon",
    };

    /// <summary>
    /// The collapse starts half a second after the first minute boundary at least 3 s away and lasts 18 s (the campaign
    /// needs ~10–15 s for the rule's 400 impressions); the spike starts a second later and lasts 16 s. The run may go on
    /// for <see cref="After"/> once both are over: the test stops it when the collapse's alert has resolved.
    /// </summary>
    public static List<IncidentSpec> Incidents(DateTimeOffset now)
    {
        var boundary = DateTimeOffset.FromUnixTimeSeconds((now.ToUnixTimeSeconds() / 60 + 1) * 60);
        if (boundary - now < TimeSpan.FromSeconds(3))
        {
            boundary += Window;
        }

        var collapseAt = boundary - now + TimeSpan.FromSeconds(0.5);
        return
        [
            new IncidentSpec { Kind = IncidentKinds.CtrCollapse, Target = CollapsedCampaign, StartsAfter = collapseAt, Length = TimeSpan.FromSeconds(18) },
            new IncidentSpec { Kind = IncidentKinds.TrafficSpike, StartsAfter = collapseAt + TimeSpan.FromSeconds(1), Length = TimeSpan.FromSeconds(16), Factor = SpikeFactor },
        ];
    }

    /// <summary>
    /// The web channel's partition stops being read 10 s into the run (normal reading first, so a lag rule that fired
    /// without a stall would show) for 20 s.
    /// </summary>
    public static IncidentSpec Stall() => new()
    {
        Kind = IncidentKinds.StalledPartition, Target = StalledKey, StartsAfter = TimeSpan.FromSeconds(10), Length = TimeSpan.FromSeconds(20),
    };

    /// <summary>The pipeline-health rule of docs/alerts.md: the cluster's lag above <see cref="LagThreshold"/> records.</summary>
    public static object LagRuleBody() => new
    {
        id = LagRule, name = "Consumers lagging", kind = "threshold", metric = "lag", scope = new { }, comparison = "above", value = LagThreshold,
        window = System.Xml.XmlConvert.ToString(LagWindow),
    };

    /// <summary>
    /// CTR below a fifth of the campaign's once 400 impressions are in (at its 1.5 % CTR, 6 clicks expected: normal
    /// traffic shows none with probability e⁻⁶ ≈ 0.25 % per judged minute); pageviews of the web channel above 1.8 × the
    /// normal minute's; the control rule watches a campaign no incident touches (1.2 % CTR, 600 impressions: e⁻⁷·²).
    /// </summary>
    public static IEnumerable<object> Rules(SimulatorOptions options)
    {
        var normalPageviewsPerMinute = options.EventsPerSecond * 60 * PageviewShare(options.Seed ?? 0, options.AdShare);
        yield return CtrRule(CollapseRule, CollapsedCampaign, minVolume: 400);
        yield return CtrRule(ControlRule, ControlCampaign, minVolume: 600);
        yield return new
        {
            id = SpikeRule, name = "Traffic spike", kind = "threshold", metric = "pageviews", scope = new { channel = "web" }, comparison = "above",
            value = Math.Round(1.8 * normalPageviewsPerMinute), window = "PT1M", minVolume = 0,
        };
    }

    private static object CtrRule(string id, string campaign, long minVolume) => new
    {
        id, name = $"CTR collapse on {campaign}", kind = "threshold", metric = "ctr", scope = new { campaignId = campaign }, comparison = "below",
        value = Catalog.Campaigns.Single(c => c.Id == campaign).Ctr / 5, window = "PT1M", minVolume,
    };

    /// <summary>The generator's share of pageviews among the events it makes (an ad opportunity counts one), from a dry run of the same seed.</summary>
    private static double PageviewShare(int seed, double adShare)
    {
        var generator = new TrafficGenerator(seed, "dry", new UserPool(seed, 2000, 1.1), [.. Catalog.Slots.Select(s => s.Id)], adShare);
        var (events, ads) = (new List<SimEvent>(), new List<AdOpportunity>());
        var made = generator.Generate(200_000, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), events, ads);
        return (double)events.Count(e => e.Type == "pageview") / made;
    }
}
