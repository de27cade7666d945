using AdOrleans.Grains.Kpi;
using AdOrleans.Simulator.Generation;

namespace AdOrleans.Alerts.Bench;

/// <summary>What a staged incident does to the per-minute counters (bench/Alerts.Bench injects one per kind).</summary>
public sealed record Injected(string Name, int StartMinute, int Minutes, KpiCounter Counter, double Factor);

/// <summary>
/// The simulator's normal traffic as per-minute KPI counters over days, without running it in real time: the event
/// mix (share of pageviews, of ad opportunities) comes from a dry run of the simulator's own
/// <see cref="TrafficGenerator"/>, the daily rhythm from its <see cref="DiurnalCurve"/> (the simulator has no weekly
/// rhythm and no day-to-day drift), and each minute's counts are Poisson draws around that mean, as independent
/// simulated users make them. One campaign wins <see cref="CampaignShare"/> of the ad opportunities and is clicked
/// with its catalog CTR.
/// </summary>
public sealed class SimulatedWeeks(int seed, double eventsPerSecond, double adShare, double diurnalAmplitude, double peakHourUtc)
{
    public const double CampaignShare = 0.2;
    public static readonly SimCampaign Campaign = Catalog.Campaigns[0];
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private readonly DiurnalCurve _diurnal = new(diurnalAmplitude, peakHourUtc);

    /// <summary>Minute buckets of the campaign and of the web channel for <paramref name="days"/> days from <see cref="Start"/>.</summary>
    public (MinuteSeries Campaign, MinuteSeries Web) Build(int days, IReadOnlyList<Injected> incidents)
    {
        var (pageviewShare, adOpportunityShare) = EventMix();
        var random = new Random(seed);
        var minutes = days * 1440;
        var (campaign, web) = (new long[minutes][], new long[minutes][]);
        for (var m = 0; m < minutes; m++)
        {
            var events = eventsPerSecond * 60 * _diurnal.Multiplier(Start.AddMinutes(m + 0.5));
            var impressions = Poisson(random, events * adOpportunityShare * CampaignShare * Factor(incidents, m, KpiCounter.Impressions));
            var clicks = Binomial(random, impressions, Campaign.Ctr * Factor(incidents, m, KpiCounter.Clicks));
            (campaign[m], web[m]) = (KpiCounters.New(), KpiCounters.New());
            campaign[m][(int)KpiCounter.Impressions] = impressions;
            campaign[m][(int)KpiCounter.Clicks] = clicks;
            web[m][(int)KpiCounter.Pageviews] = Poisson(random, events * pageviewShare * Factor(incidents, m, KpiCounter.Pageviews));
        }

        return (new MinuteSeries(campaign), new MinuteSeries(web));
    }

    /// <summary>Shares of pageviews and ad opportunities among the events the simulator makes (an opportunity counts one).</summary>
    public (double Pageviews, double AdOpportunities) EventMix()
    {
        var slots = Catalog.Slots.Select(s => s.Id).ToList();
        var generator = new TrafficGenerator(seed, "bench", new UserPool(seed, 20_000, 1.1), slots, adShare);
        var (events, ads) = (new List<SimEvent>(), new List<AdOpportunity>());
        var made = generator.Generate(500_000, Start, Start.AddHours(1), events, ads);
        return ((double)events.Count(e => e.Type == "pageview") / made, (double)ads.Count / made);
    }

    private static double Factor(IReadOnlyList<Injected> incidents, int minute, KpiCounter counter) =>
        incidents.Where(i => i.Counter == counter && minute >= i.StartMinute && minute < i.StartMinute + i.Minutes).Aggregate(1.0, (f, i) => f * i.Factor);

    /// <summary>Knuth's method for small means; above 30 the normal approximation (the counts here are mostly thousands).</summary>
    private static long Poisson(Random random, double mean)
    {
        if (mean >= 30)
        {
            return Math.Max(0, (long)Math.Round(mean + Math.Sqrt(mean) * Distributions.StandardNormal(random)));
        }

        var (limit, product, k) = (Math.Exp(-mean), random.NextDouble(), 0L);
        while (product > limit)
        {
            product *= random.NextDouble();
            k++;
        }

        return k;
    }

    private static long Binomial(Random random, long n, double p) => Math.Min(n, Poisson(random, n * p));
}
