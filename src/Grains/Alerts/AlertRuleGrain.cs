using AdOrleans.Grains.Kpi;
using Microsoft.Extensions.Options;

namespace AdOrleans.Grains.Alerts;

/// <summary>
/// <see cref="IAlertRuleGrain"/>: evaluates when the registry says its scope's KPI buckets were committed (coalesced
/// to at most one evaluation per <see cref="AlertOptions.EvaluateAtMostEvery"/>) and, while an alert is open, once per
/// minute too, so an alert whose traffic stopped still resolves after a window.
/// </summary>
[GrainType(IAlertRuleGrain.GrainType)]
public sealed partial class AlertRuleGrain(
    [PersistentState("state", StorageProviders.PerCommand)] IPersistentState<AlertRuleState> storage,
    IKpiQueries queries, AlertNotifier notifier, IOptions<AlertOptions> options, TimeProvider clock, ILogger<AlertRuleGrain> logger)
    : Grain, IAlertRuleGrain
{
    private AlertRuleState State => storage.State;

    /// <summary>Stores the rule and judges the data already in its window at once, not only after the next commit.</summary>
    public async Task ConfigureAsync(AlertRule rule)
    {
        State.Rule = rule;
        await storage.WriteStateAsync();
        await OnChangedAsync();
    }

    /// <summary>
    /// Forgets the rule and its alerts but keeps the sequence (the group-commit storage cannot clear state anyway):
    /// a rule created again under the id never reuses an alert id a receiver has seen.
    /// </summary>
    public async Task RemoveAsync()
    {
        storage.State = new AlertRuleState { NextSequence = State.NextSequence };
        await storage.WriteStateAsync();
        DeactivateOnIdle();
    }

    public Task<AlertRule?> GetAsync() => Task.FromResult(State.Rule);

    public Task<IReadOnlyList<Alert>> AlertsAsync(string? state) =>
        Task.FromResult<IReadOnlyList<Alert>>([.. State.Alerts.Where(a => state is null || a.State == state)]);

    public Task<Alert?> GetAlertAsync(string alertId) =>
        Task.FromResult(State.Alerts.Find(a => a.Id == alertId) is { } alert
            ? alert with { Deliveries = State.Deliveries.GetValueOrDefault(alertId) ?? [] }
            : null);

    public async Task<AckOutcome> AcknowledgeAsync(string alertId)
    {
        if (State.Alerts.Find(a => a.Id == alertId) is not { } alert)
        {
            return AckOutcome.NotFound;
        }

        if (alert.State != AlertStates.Firing)
        {
            return AckOutcome.NotFiring;
        }

        var now = clock.GetUtcNow();
        await TransitionAsync(alert with
        {
            State = AlertStates.Acknowledged,
            AcknowledgedAt = now,
            History = [.. alert.History, new AlertTransition(AlertStates.Acknowledged, now, alert.Value)],
        }, notify: false);
        return AckOutcome.Acknowledged;
    }

    public async Task RecordDeliveryAsync(string alertId, AlertDelivery delivery)
    {
        if (!State.Alerts.Exists(a => a.Id == alertId))
        {
            return;
        }

        if (!State.Deliveries.TryGetValue(alertId, out var deliveries))
        {
            State.Deliveries[alertId] = deliveries = [];
        }

        deliveries.Add(delivery);
        if (deliveries.Count > AlertRuleState.MaxDeliveries)
        {
            deliveries.RemoveAt(0);
        }

        await storage.WriteStateAsync();
    }

    /// <summary>Stores the changed alert, pushes it to stream clients and, on <paramref name="notify"/>, to the webhooks and email.</summary>
    private async Task TransitionAsync(Alert alert, bool notify)
    {
        if (State.Alerts.Exists(a => a.Id == alert.Id))
        {
            State.Replace(alert);
        }
        else
        {
            State.Alerts.Add(alert);
            State.Trim();
        }

        await storage.WriteStateAsync();
        Log.Transition(logger, alert.Id, alert.State, alert.Metric, alert.Value, alert.Threshold);
        _ = GrainFactory.Hub().PublishAlertAsync(alert);
        if (notify && State.Rule is { } rule)
        {
            notifier.Enqueue(alert, rule);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Alert {AlertId} is {State}: {Metric} = {Value} (threshold {Threshold})")]
        public static partial void Transition(ILogger logger, string alertId, string state, string metric, double value, double threshold);

        [LoggerMessage(LogLevel.Warning, "Could not evaluate alert rule {RuleId}; it evaluates again on the next change")]
        public static partial void EvaluationFailed(ILogger logger, Exception e, string ruleId);
    }
}
