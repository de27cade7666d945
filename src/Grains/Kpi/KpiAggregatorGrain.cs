using AdOrleans.Runtime;
using Microsoft.Extensions.Options;

namespace AdOrleans.Grains.Kpi;

/// <summary>
/// One activation per log key. Emits rollup contributions (deltas) as rows; the partition worker
/// commits them with this grain's state and the log offsets in one transaction, so nothing is lost
/// or counted twice across crashes. State changes here must not be written with WriteStateAsync.
/// </summary>
public sealed class KpiAggregatorGrain(IOptions<KpiOptions> options) : Grain<KpiAggregatorState>, IKpiAggregatorGrain
{
    private readonly KpiAggregation _aggregation = new(options.Value);
    private readonly List<KpiContribution> _output = new(2);

    public ValueTask OnLogRecordAsync(LogRecord record)
    {
        var tracked = record.TrackedEvent();
        _output.Clear();
        _aggregation.Apply(tracked, State, GrainKey, _output);
        foreach (var contribution in _output)
        {
            EmitRow(contribution);
        }

        return ValueTask.CompletedTask;
    }
}
