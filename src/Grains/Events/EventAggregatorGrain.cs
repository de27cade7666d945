using System.Text.Json;
using AdOrleans.Grains.Attribution;
using AdOrleans.Grains.Automation;
using AdOrleans.Grains.Ctr;
using AdOrleans.Grains.Kpi;
using AdOrleans.Log;
using Microsoft.Extensions.Options;

namespace AdOrleans.Grains.Events;

/// <summary>
/// One activation per partition of the events topic (one turn per poll, however many keys it holds). Per log key it
/// counts totals and turns events into KPI rollup deltas. A delivery writes the partition's applied offset, the rows
/// of the keys it changed and the rollup deltas in one transaction, so nothing is lost or counted twice across
/// crashes, replays and rebalances. Placed on the silo whose pulling agent reads the partition. Its first activation
/// takes over the state of the former per-key grains (<see cref="FormerKeyGrains"/>). New events with a userId are
/// forwarded to the users' journey shards (docs/attribution.md) and, while automation rules exist, automation shards
/// (docs/automation.md) before the delivery commits; new impressions and clicks likewise train the CTR model (docs/ctr.md).
/// </summary>
[GrainType(IEventAggregatorGrain.GrainType)]
[ImplicitStreamSubscription(StreamNamespaces.EventAggregates)]
[Orleans.Placement.PreferLocalPlacement]
public sealed partial class EventAggregatorGrain(
    [PersistentState("state", StorageProviders.PerEvent)] IPersistentState<EventAggregatorState> storage,
    ISubStateReader subStates,
    IGrainStateScanner formerStates,
    IPartitionedLog log,
    IOptions<KpiOptions> options,
    IOptions<AttributionOptions> attribution,
    IOptions<CtrOptions> ctr,
    AutomationWatch automation,
    CheckpointHolds holds,
    ILogger<EventAggregatorGrain> logger)
    : LogConsumerGrain<EventAggregatorState>(storage, logger), IEventAggregatorGrain
{
    private readonly Dictionary<string, KeyAggregate> _keys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private readonly KpiAggregation _aggregation = new(options.Value, log.PartitionCount(Topics.Events));
    private readonly List<KpiContribution> _output = new(2);

    /// <summary>The same for the automation shards, while any automation rule exists (docs/automation.md).</summary>
    private readonly UserShardBatches _automations = new();

    /// <summary>New impressions and clicks for the CTR model, in offset order (kept until it took them).</summary>
    private readonly List<JourneyEvent> _ctrExamples = [];

    /// <summary>This delivery's rollup deltas by minute row: merged as events are applied, so the per-event objects die young.</summary>
    private readonly Dictionary<KpiRollupKey, long[]> _minutes = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var rows = await Task.Run(() => subStates.ReadAllAsync(IEventAggregatorGrain.GrainType, GrainKey, cancellationToken).AsTask(), cancellationToken);
        foreach (var row in rows)
        {
            _keys[row.SubKey] = JsonSerializer.Deserialize(row.Data, KeyAggregateJsonContext.Default.KeyAggregate) ?? new KeyAggregate();
        }

        if (!StateExists)
        {
            var partition = EventAggregators.PartitionOf(GrainKey);
            var removals = await Task.Run(() => FormerKeyGrains.TakeOverAsync(formerStates, partition, log.PartitionCount(Topics.Events), _keys, cancellationToken), cancellationToken);
            if (removals.Count > 0)
            {
                _changed.UnionWith(removals.Select(r => r.GrainKey));
                State.PendingRows.AddRange(removals);
                Log.TookOver(Logger, GrainKey, _changed.Count);
            }
        }

        RegisterJourneyFlush();
    }

    public Task<EventTotals?> GetTotalsAsync(string logKey) =>
        Task.FromResult(_keys.TryGetValue(logKey, out var key) && key.Events > 0 ? key.Totals() : null);

    public Task<KpiAggregatorStatus?> GetKpiStatusAsync(string logKey) =>
        Task.FromResult(_keys.TryGetValue(logKey, out var key) ? key.KpiStatus() : null);

    protected override void Apply(LogEntry entry)
    {
        var tracked = entry.Event ?? throw new InvalidDataException("An events record without an event.");
        if (!_keys.TryGetValue(entry.Key, out var key))
        {
            _keys[entry.Key] = key = new KeyAggregate();
        }

        _changed.Add(entry.Key);
        if (entry.Offset > key.KpiApplied)
        {
            _output.Clear();
            _aggregation.Apply(tracked, key.Kpi, GrainKey, _output);
            key.KpiApplied = entry.Offset;
            KpiRollupMerge.AddToMinutes(_output, _minutes);
            _aggregation.Recycle(_output);
        }

        if (entry.Offset > key.Applied)
        {
            key.Count(tracked);
            key.Applied = entry.Offset;
            if (ctr.Value.Enabled && CtrExamples.Trains(tracked))
            {
                _ctrExamples.Add(new JourneyEvent(entry.Partition, entry.Offset, tracked));
            }

            if (tracked.UserId is { } user)
            {
                // Journey and automation shards are numbered alike: the user's partition of the events topic.
                var shard = KeyPartitioner.Partition(user, log.PartitionCount(Topics.Events));
                var forwarded = new JourneyEvent(entry.Partition, entry.Offset, tracked);
                if (attribution.Value.Enabled)
                {
                    Journeys.Add(shard, forwarded);
                }

                if (automation.Active)
                {
                    _automations.Add(shard, forwarded);
                }
            }
        }
    }

    /// <summary>
    /// Journeys, automation shards and the CTR model get the events before this delivery's offsets commit: a crash in
    /// between replays the delivery and calls them again, and they skip offsets they already applied (exactly-once,
    /// docs/attribution.md). The journeys' own writes follow within Attribution:WriteIntervalMs, the checkpoint held.
    /// </summary>
    protected override async Task BeforeWriteAsync()
    {
        await Journeys.SendAsync(GrainFactory);
        await _automations.SendAsync((shard, events) => GrainFactory.GetGrain<IAutomationShardGrain>(shard).TrackAsync(events));
        if (_ctrExamples.Count > 0)
        {
            await GrainFactory.GetGrain<ICtrModelGrain>(ICtrModelGrain.Key).TrainAsync([.. _ctrExamples]);
            _ctrExamples.Clear();
        }
    }

    protected override void OnWriting()
    {
        foreach (var (key, delta) in _minutes)
        {
            State.PendingRows.Add(new KpiRollupDelta(key, delta));
        }

        _minutes.Clear();
        foreach (var changed in _changed)
        {
            State.PendingRows.Add(new SubStateRow(IEventAggregatorGrain.GrainType, GrainKey, changed, JsonSerializer.SerializeToUtf8Bytes(_keys[changed], KeyAggregateJsonContext.Default.KeyAggregate)));
        }

        _changed.Clear();
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Aggregator {Aggregator} took over {Keys} log keys from the former per-key grains")]
        public static partial void TookOver(ILogger logger, string aggregator, int keys);
    }
}
