using AdOrleans.Grains;
using AdOrleans.Grains.Kpi;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Experiments;

public sealed record VariantResult(
    string Id, string CreativeId, int Weight, long Impressions, long Clicks, long Conversions,
    double? Rate, double? CiLow, double? CiHigh, double ProbabilityToBeBest);

/// <remarks>
/// <c>ProbabilityToBeBest</c> (variant id → probability) repeats the variants' own figures at the top level, where
/// API.md lists it beside <c>pValue</c>, <c>srmPValue</c> and <c>winner</c>.
/// </remarks>
public sealed record ExperimentResult(
    string Id, string CampaignId, string Metric, DateTimeOffset StartedAt, long MinSamplePerVariant, double Alpha,
    string Status, IReadOnlyList<VariantResult> Variants, double? PValue, IReadOnlyDictionary<string, double> ProbabilityToBeBest,
    double? SrmPValue, bool SampleRatioMismatch, string? Winner, ExperimentDecision? Decision);

/// <summary>
/// Builds an experiment's results at read time from the KPI rollups of its creatives, counted exactly once by the
/// partition aggregators, from the minute the experiment started. No per-event work is added to the pipeline.
/// When the horizon is reached and nothing was decided yet, the decision is taken now and recorded in the grain.
/// </summary>
public sealed class ExperimentResults(IKpiQueries queries, IGrainFactory grains, IOptions<ExperimentOptions> options, TimeProvider clock)
{
    public async Task<ExperimentResult> ReadAsync(ExperimentLive live, CancellationToken ct)
    {
        var config = live.Config;
        var now = clock.GetUtcNow();
        var counts = await Task.WhenAll(config.Variants.Select(v => CountAsync(v.CreativeId, config.StartedAt, now, ct)));
        var trials = counts.Select(c => ToProportion(config.Metric, c)).ToList();
        var pValue = ExperimentStatistics.HomogeneityPValue(trials);
        var srm = ExperimentStatistics.SampleRatioPValue([.. counts.Select(c => c[(int)KpiCounter.Impressions])], [.. config.Variants.Select(v => v.Weight)]);
        var best = ExperimentStatistics.ProbabilityToBeBest(trials);
        var decision = live.Decision;
        if (decision is null && ExperimentDecider.Decide(config, trials, pValue, srm, options.Value.SrmAlpha, now) is { } decided)
        {
            decision = await grains.GetGrain<IExperimentGrain>(config.Id).DecideAsync(decided);
        }

        var variants = config.Variants.Select((v, i) =>
        {
            var ci = ExperimentStatistics.Wilson(trials[i], config.Alpha);
            return new VariantResult(v.Id, v.CreativeId, v.Weight, counts[i][(int)KpiCounter.Impressions], counts[i][(int)KpiCounter.Clicks],
                counts[i][(int)KpiCounter.Conversions], trials[i].Rate, ci?.Low, ci?.High, best[i]);
        }).ToList();
        return new ExperimentResult(config.Id, config.CampaignId, config.Metric, config.StartedAt, config.MinSamplePerVariant, config.Alpha,
            decision is null ? "running" : "decided", variants, pValue, variants.ToDictionary(v => v.Id, v => v.ProbabilityToBeBest), srm, srm < options.Value.SrmAlpha, decision?.Winner, decision);
    }

    public static Proportion ToProportion(string metric, long[] counters) => metric == ExperimentMetrics.Cvr
        ? new(counters[(int)KpiCounter.Conversions], counters[(int)KpiCounter.Clicks])
        : new(counters[(int)KpiCounter.Clicks], counters[(int)KpiCounter.Impressions]);

    /// <summary>The creative's counters over <see cref="Pieces"/>.</summary>
    private async Task<long[]> CountAsync(string creative, DateTimeOffset startedAt, DateTimeOffset now, CancellationToken ct)
    {
        var total = KpiCounters.New();
        foreach (var (granularity, start, end) in Pieces(startedAt, now))
        {
            foreach (var row in await queries.SeriesAsync(KpiDimensions.Creative, creative, granularity, start, end, ct))
            {
                KpiCounters.AddTo(total, row.Counters);
            }
        }

        return total;
    }

    /// <summary>
    /// From the start minute to the end of the current one, as few rows as the rollups allow: minutes up to the first
    /// whole hour, hours in between, minutes of the current hour (so a long experiment reads hours, not every minute).
    /// </summary>
    public static IReadOnlyList<(KpiGranularity Granularity, long From, long To)> Pieces(DateTimeOffset startedAt, DateTimeOffset now)
    {
        var from = KpiGranularity.Minute.BucketStart(startedAt.ToUnixTimeSeconds());
        var to = KpiGranularity.Minute.BucketStart(now.ToUnixTimeSeconds()) + 60;
        var (hoursFrom, hoursTo) = (KpiGranularity.Hour.BucketStart(from + 3599), KpiGranularity.Hour.BucketStart(to));
        (KpiGranularity, long, long)[] pieces = hoursFrom < hoursTo
            ? [(KpiGranularity.Minute, from, hoursFrom), (KpiGranularity.Hour, hoursFrom, hoursTo), (KpiGranularity.Minute, hoursTo, to)]
            : [(KpiGranularity.Minute, from, to)];
        return [.. pieces.Where(p => p.Item2 < p.Item3)];
    }
}
