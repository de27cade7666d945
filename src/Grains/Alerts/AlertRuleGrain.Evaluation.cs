using AdOrleans.Grains.Kpi;

namespace AdOrleans.Grains.Alerts;

public sealed partial class AlertRuleGrain
{
    private static readonly TimeSpan OpenRecheck = TimeSpan.FromMinutes(1);

    private IGrainTimer? _pending;
    private IGrainTimer? _recheck;
    private DateTimeOffset _lastEvaluated = DateTimeOffset.MinValue;

    public Task OnChangedAsync()
    {
        if (_pending is null && State.Rule is { } rule && !AlertMetrics.IsHealth(rule.Metric))
        {
            var due = _lastEvaluated + options.Value.EvaluateAtMostEvery - clock.GetUtcNow();
            _pending = this.RegisterGrainTimer(EvaluatePendingAsync, new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }

        return Task.CompletedTask;
    }

    public Task OnHealthAsync(double value) =>
        State.Rule is { } rule && AlertMetrics.IsHealth(rule.Metric) ? ApplyAsync(rule, value, long.MaxValue) : Task.CompletedTask;

    /// <summary>Disposes the one-shot timer only after evaluating: disposing it cancels the token the evaluation reads with.</summary>
    private async Task EvaluatePendingAsync(CancellationToken cancellationToken)
    {
        await EvaluateKpiAsync(cancellationToken);
        _pending?.Dispose();
        _pending = null;
    }

    private async Task EvaluateKpiAsync(CancellationToken cancellationToken)
    {
        _lastEvaluated = clock.GetUtcNow();
        if (State.Rule is not { } rule || AlertMetrics.Kpi(rule.Metric) is not { } metric)
        {
            return;
        }

        try
        {
            var now = clock.GetUtcNow();
            if (rule.Kind == AlertKinds.Anomaly)
            {
                await ApplyAnomalyAsync(rule, metric, now, cancellationToken);
            }
            else
            {
                var counters = await SumWindowAsync(rule, now, cancellationToken);
                await ApplyAsync(rule, metric.Value(counters), metric.Volume(counters));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.EvaluationFailed(logger, e, rule.Id);
        }
    }

    /// <summary>
    /// Judges the robust z-score (<see cref="AnomalyModel"/>) against ± the rule's value: the decision, hysteresis
    /// included, is the threshold rule's, on the score instead of the metric. Over complete minutes only: the current
    /// minute is still filling while the same minute on past days is whole, so a counter would look low at the start of
    /// every minute (bench/Alerts.Bench measured nearly one false alarm a minute that way).
    /// </summary>
    private async Task ApplyAnomalyAsync(AlertRule rule, AlertMetrics.Metric metric, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lastComplete = now.AddMinutes(-1);
        var counters = await SumWindowAsync(rule, lastComplete, cancellationToken);
        var baseline = new List<double>();
        for (var day = 1; day <= options.Value.AnomalyBaselineDays; day++)
        {
            var past = await SumWindowAsync(rule, lastComplete.AddDays(-day), cancellationToken);
            if (metric.Value(past) is { } pastValue && metric.Volume(past) >= rule.MinVolume && metric.Volume(past) > 0)
            {
                baseline.Add(pastValue);
            }
        }

        var scored = rule with { Value = rule.Comparison == AlertComparisons.Below ? -rule.Value : rule.Value };
        var volume = metric.Volume(counters);
        await ApplyAsync(scored, AnomalyModel.Score(metric.Value(counters), baseline, options.Value.AnomalyWarmupDays, median => metric.Noise(median, volume)), volume);
    }

    /// <summary>The counters of the window's minute buckets ending with the minute of <paramref name="at"/> (included, even if partial).</summary>
    private async Task<long[]> SumWindowAsync(AlertRule rule, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var current = KpiGranularity.Minute.BucketStart(at.ToUnixTimeSeconds());
        var minutes = Math.Max(1, (long)Math.Ceiling(rule.WindowSpan.TotalMinutes));
        var (dimension, id) = rule.Scope switch
        {
            { CampaignId: { } campaign } => (KpiDimensions.Campaign, campaign),
            { Channel: { } channel } => (KpiDimensions.Channel, (string?)channel),
            _ => (KpiDimensions.Channel, null),
        };
        var rows = await queries.SeriesAsync(dimension, id, KpiGranularity.Minute, current - (minutes - 1) * 60, current + 60, cancellationToken);
        var total = KpiCounters.New();
        foreach (var row in rows)
        {
            KpiCounters.AddTo(total, row.Counters);
        }

        return total;
    }

    private async Task ApplyAsync(AlertRule rule, double? value, long volume)
    {
        var now = clock.GetUtcNow();
        var open = State.Open;
        switch (AlertDecision.Decide(rule, value, volume, open is not null, State.LastBreachAt, now, options.Value.ResolveMargin))
        {
            case AlertDecision.Outcome.Fire:
                State.LastBreachAt = now;
                var fired = new Alert
                {
                    Id = $"{rule.Id}.{State.NextSequence++}", RuleId = rule.Id, State = AlertStates.Firing, Metric = rule.Metric, Value = value!.Value,
                    Threshold = rule.Value, Scope = rule.Scope, StartedAt = now, History = [new AlertTransition(AlertStates.Firing, now, value.Value)],
                };
                await TransitionAsync(fired, notify: true);
                KeepRechecking(true);
                break;
            case AlertDecision.Outcome.StillBreaching:
                State.LastBreachAt = now;
                await storage.WriteStateAsync();
                KeepRechecking(true);
                break;
            case AlertDecision.Outcome.Resolve:
                State.LastBreachAt = null;
                var resolvedValue = value ?? open!.Value;
                await TransitionAsync(open! with
                {
                    State = AlertStates.Resolved, Value = resolvedValue, ResolvedAt = now,
                    History = [.. open.History, new AlertTransition(AlertStates.Resolved, now, resolvedValue)],
                }, notify: true);
                KeepRechecking(false);
                break;
            default:
                KeepRechecking(open is not null);
                break;
        }
    }

    /// <summary>While a KPI alert is open, re-evaluates every minute: without traffic no commit would wake the rule.</summary>
    private void KeepRechecking(bool open)
    {
        if (!open || AlertMetrics.IsHealth(State.Rule?.Metric ?? ""))
        {
            _recheck?.Dispose();
            _recheck = null;
        }
        else
        {
            _recheck ??= this.RegisterGrainTimer(EvaluateKpiAsync, new GrainTimerCreationOptions(OpenRecheck, OpenRecheck) { KeepAlive = true });
        }
    }
}
