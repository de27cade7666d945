using Microsoft.Extensions.Options;

namespace AdOrleans.Grains.Kpi;

/// <summary>
/// One activation per log key. Turns its events into rollup contributions (deltas) that the grain storage writes
/// in the same transaction as this state and its applied offsets, so nothing is lost or counted twice across
/// crashes, replays and rebalances.
/// </summary>
[GrainType(IKpiAggregatorGrain.GrainType)]
[ImplicitStreamSubscription(StreamNamespaces.Kpi)]
public sealed class KpiAggregatorGrain(
    [PersistentState("state")] IPersistentState<KpiAggregatorState> storage, IOptions<KpiOptions> options, ILogger<KpiAggregatorGrain> logger)
    : LogConsumerGrain<KpiAggregatorState>(storage, logger), IKpiAggregatorGrain
{
    private readonly KpiAggregation _aggregation = new(options.Value);
    private readonly List<KpiContribution> _output = new(2);

    public Task<KpiAggregatorStatus> GetStatusAsync() =>
        Task.FromResult(new KpiAggregatorStatus(State.Events, State.Duplicates, State.Restated, State.TooLate, State.Watermark));

    protected override void Apply(LogEntry entry)
    {
        var tracked = entry.Event ?? throw new InvalidDataException("An events record without an event.");
        _output.Clear();
        _aggregation.Apply(tracked, State, GrainKey, _output);
        State.PendingRows.AddRange(_output);
    }
}
