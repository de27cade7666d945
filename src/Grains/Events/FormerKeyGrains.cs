using System.Text.Json;
using AdOrleans.Grains.Kpi;
using AdOrleans.Log;

namespace AdOrleans.Grains.Events;

/// <summary>
/// Takes over the state of the former per-key grains ("event-totals" and "kpi", one activation per log key, before
/// events were aggregated per partition): their totals, KPI state and applied offsets become the keys of the
/// partition aggregator the log key maps to, and their rows are deleted when the aggregator first writes. Data
/// directories and databases of earlier versions therefore carry over without recounting or losing anything.
/// </summary>
internal static class FormerKeyGrains
{
    public const string TotalsType = "event-totals";
    public const string KpiType = "kpi";

    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>Adds the former grains' keys of <paramref name="partition"/> to <paramref name="keys"/>; returns the rows to delete.</summary>
    public static async Task<List<GrainStateRemoval>> TakeOverAsync(
        IGrainStateScanner scanner, int partition, int partitionCount, Dictionary<string, KeyAggregate> keys, CancellationToken cancellationToken)
    {
        var removals = new List<GrainStateRemoval>();
        var topicPartition = $"{Topics.Events}/{partition}";
        foreach (var (key, data) in await scanner.ReadAllAsync(TotalsType, cancellationToken))
        {
            if (KeyPartitioner.Partition(key, partitionCount) == partition)
            {
                var totals = JsonSerializer.Deserialize<FormerTotals>(data, Json)!;
                var aggregate = For(keys, key);
                (aggregate.Events, aggregate.ValueMicros, aggregate.ByType) = (totals.Events, totals.ValueMicros, new(totals.ByType, StringComparer.Ordinal));
                aggregate.Applied = totals.Applied.GetValueOrDefault(topicPartition, -1);
                removals.Add(new GrainStateRemoval(TotalsType, key));
            }
        }

        foreach (var (key, data) in await scanner.ReadAllAsync(KpiType, cancellationToken))
        {
            if (KeyPartitioner.Partition(key, partitionCount) == partition)
            {
                var aggregate = For(keys, key);
                aggregate.Kpi = JsonSerializer.Deserialize<KpiKeyState>(data, Json)!;
                aggregate.KpiApplied = JsonSerializer.Deserialize<FormerTotals>(data, Json)!.Applied.GetValueOrDefault(topicPartition, -1);
                removals.Add(new GrainStateRemoval(KpiType, key));
            }
        }

        return removals;
    }

    private static KeyAggregate For(Dictionary<string, KeyAggregate> keys, string key)
    {
        if (!keys.TryGetValue(key, out var aggregate))
        {
            keys[key] = aggregate = new KeyAggregate();
        }

        return aggregate;
    }

    private sealed class FormerTotals
    {
        public Dictionary<string, long> Applied { get; set; } = [];

        public long Events { get; set; }

        public long ValueMicros { get; set; }

        public Dictionary<string, long> ByType { get; set; } = [];
    }
}
