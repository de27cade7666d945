using AdOrleans.Grains.Alerts;

namespace AdOrleans.Alerts.Bench;

/// <summary>How the window being judged ends: the grain's (complete minutes) or before it (the current, partial minute included).</summary>
public enum WindowEnd
{
    CompleteMinutes,
    PartialMinute,
}

/// <summary>
/// Replays an anomaly rule as <c>AlertRuleGrain</c> evaluates it, every <paramref name="step"/> seconds: the window's
/// counters and those of the same window on each of the last <paramref name="baselineDays"/> days, scored by the real
/// <see cref="AnomalyModel"/> and judged, hysteresis included, by the real <see cref="AlertDecision"/>. Returns when
/// each alert fired and resolved.
/// </summary>
/// <param name="noiseFloor">False replays the model before its scale had the sampling-noise floor, for comparison.</param>
public sealed class RuleReplay(AlertRule rule, int baselineDays, int warmupDays, double resolveMargin, int step, bool noiseFloor = true)
{
    public sealed record Episode(int FiredAtSecond, int? ResolvedAtSecond);

    public List<Episode> Run(MinuteSeries series, int fromMinute, int toMinute, WindowEnd end)
    {
        var metric = AlertMetrics.Kpi(rule.Metric) ?? throw new ArgumentException($"{rule.Metric} is not a KPI metric");
        var scored = rule with { Value = rule.Comparison == AlertComparisons.Below ? -rule.Value : rule.Value };
        var window = (int)Math.Ceiling(rule.WindowSpan.TotalMinutes);
        var episodes = new List<Episode>();
        DateTimeOffset? lastBreach = null;
        var baseline = new List<double>(baselineDays);
        for (var second = fromMinute * 60; second < toMinute * 60; second += step)
        {
            var (minute, partial) = (second / 60, second % 60 / 60.0);
            var last = minute - 1;
            var counters = end == WindowEnd.CompleteMinutes ? series.Sum(last - window + 1, last) : series.Sum(minute - window + 1, last, partial);
            var pastLast = end == WindowEnd.CompleteMinutes ? last : minute;
            baseline.Clear();
            for (var day = 1; day <= baselineDays; day++)
            {
                var past = series.Sum(pastLast - day * 1440 - window + 1, pastLast - day * 1440);
                if (metric.Value(past) is { } value && metric.Volume(past) >= rule.MinVolume && metric.Volume(past) > 0)
                {
                    baseline.Add(value);
                }
            }

            var now = SimulatedWeeks.Start.AddSeconds(second);
            var open = episodes.Count > 0 && episodes[^1].ResolvedAtSecond is null;
            var volume = metric.Volume(counters);
            var score = AnomalyModel.Score(metric.Value(counters), baseline, warmupDays, noiseFloor ? median => metric.Noise(median, volume) : null);
            switch (AlertDecision.Decide(scored, score, volume, open, lastBreach, now, resolveMargin))
            {
                case AlertDecision.Outcome.Fire:
                    episodes.Add(new Episode(second, null));
                    lastBreach = now;
                    break;
                case AlertDecision.Outcome.StillBreaching:
                    lastBreach = now;
                    break;
                case AlertDecision.Outcome.Resolve:
                    episodes[^1] = episodes[^1] with { ResolvedAtSecond = second };
                    lastBreach = null;
                    break;
            }
        }

        return episodes;
    }
}
