using System.Text;
using AdOrleans.Log;
using AdOrleans.Persistence;

namespace AdOrleans.Grains.Tests;

/// <summary>
/// A data directory of the version with one totals grain and one KPI grain per log key: the partition aggregator
/// takes their state over (counts, KPI state, applied offsets) and deletes their rows, so nothing is lost, and the
/// records they had applied are not counted again when the queue replays them.
/// </summary>
public sealed class FormerGrainStateTests : IDisposable
{
    private const string Key = "camp-former";
    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task The_former_per_key_grains_state_carries_over_and_what_they_applied_is_not_counted_again()
    {
        var partition = new TopicPartition(Topics.Events, KeyPartitioner.Partition(Key, StoreServices.Partitions));
        var applied = Enumerable.Range(0, 10).Select(i => Events.New($"old-{i}", "pageview", campaignId: Key, valueMicros: 5)).ToList();
        var unapplied = Enumerable.Range(0, 3).Select(i => Events.New($"late-{i}", "like", campaignId: Key, valueMicros: 7)).ToList();
        await using (var store = StoreServices.Open(_data.Directory))
        {
            // The former grains applied the first ten records, then the process died before the queue checkpoint moved.
            await Events.AppendAsync(store.Log, applied);
            var lastApplied = await store.Log.EndOffsetAsync(partition, CancellationToken.None) - 1;
            await Events.AppendAsync(store.Log, unapplied);
            var offsets = $"\"applied\":{{\"events/{partition.Partition}\":{lastApplied}}}";
            await WriteAsync(store, "event-totals", $"{{{offsets},\"events\":10,\"valueMicros\":50,\"byType\":{{\"pageview\":10}}}}");
            await WriteAsync(store, "kpi", $"{{{offsets},\"events\":10,\"duplicates\":2,\"restated\":0,\"tooLate\":0,\"customers\":[],\"sessions\":{{}}}}");
        }

        await using var running = await Running.StartAsync(_data.Directory);
        var fresh = Enumerable.Range(0, 4).Select(i => Events.New($"new-{i}", "pageview", campaignId: Key, valueMicros: 11)).ToList();
        await Events.AppendAsync(running.Store.Log, fresh);

        var expected = new EventTotals { Events = 17, ValueMicros = 50 + 21 + 44, ByType = new() { ["pageview"] = 14, ["like"] = 3 } };
        await Eventually.HoldsAsync(async () => Events.Same(await Events.TotalsAsync(running.Client, Key), expected), "the former totals plus the records they had not applied");
        await Eventually.HoldsAsync(running.Store.EventsDrainedAsync, "every events queue is checkpointed at the log's end");
        await Events.AssertTotalsAsync(running.Client, new Dictionary<string, EventTotals> { [Key] = expected });

        var kpi = await running.Client.ForLogKey(Key, StoreServices.Partitions).GetKpiStatusAsync(Key);
        Assert.Equal((17L, 2L), (kpi?.Events, kpi?.Duplicates));
        Assert.Null(await running.Store.Store.ReadAsync(new StateId("event-totals", Key), CancellationToken.None));
        Assert.Null(await running.Store.Store.ReadAsync(new StateId("kpi", Key), CancellationToken.None));
    }

    private static Task WriteAsync(StoreServices store, string grainType, string json) =>
        store.Store.WriteAsync(new StateId(grainType, Key), Encoding.UTF8.GetBytes(json), null, CancellationToken.None).AsTask();
}
