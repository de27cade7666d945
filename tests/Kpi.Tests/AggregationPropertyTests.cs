using AdOrleans.Grains;
using AdOrleans.Grains.Kpi;
using FsCheck;
using FsCheck.Fluent;
using static AdOrleans.Kpi.Tests.Events;

namespace AdOrleans.Kpi.Tests;

public sealed class AggregationPropertyTests
{
    private static readonly string[] Types = ["impression", "click", "conversion", "purchase", "post", "like", "email_sent", "email_open"];

    /// <summary>All received together (a flushed backlog): dedupe memory is defined over receive time, so it must not move backwards.</summary>
    private static readonly DateTimeOffset Received = T.AddMinutes(200);

    /// <summary>
    /// Events with unique ids plus exact re-sends of some of them (a duplicate is the same event again);
    /// small auction and user spaces so repeated auctions and returning buyers are common; all within the lateness.
    /// </summary>
    private static readonly Gen<List<TrackedEvent>> Events =
        from shapes in (
            from type in Gen.Elements(Types)
            from auction in Gen.Choose(0, 8)
            from user in Gen.Choose(0, 5)
            from minute in Gen.Choose(0, 150)
            from value in Gen.Choose(0, 1_000)
            select (type, auction, user, minute, value)).ListOf()
        from resends in Gen.Choose(0, 1_000).ListOf()
        let unique = shapes.Select((s, id) => s.type is "impression" or "click"
            ? Ad($"e{id}", s.type, "c-1", $"a{s.auction}", T.AddMinutes(s.minute), (s.auction + 1) * 1_000L, segments: [$"s{s.auction % 3}"], receivedAt: Received)
            : Plain($"e{id}", s.type, T.AddMinutes(s.minute), "c-1", user: $"u{s.user}", value: s.value * 1_000L, receivedAt: Received)).ToList()
        select unique.Count == 0 ? unique : [.. unique, .. resends.Select(r => unique[r % unique.Count])];

    private static Dictionary<KpiRollupKey, long[]> Aggregate(IEnumerable<TrackedEvent> events, IReadOnlyList<int> cuts)
    {
        var aggregation = new KpiAggregation(new KpiOptions { Lateness = TimeSpan.FromDays(1) });
        var state = new KpiKeyState();
        var store = new Dictionary<KpiRollupKey, long[]>();
        var batch = new List<KpiContribution>();
        var i = 0;
        foreach (var e in events)
        {
            aggregation.Apply(e, state, "c-1", batch);
            if (cuts.Contains(i++))
            {
                RollupRows.Of(batch, store);
                batch.Clear();
            }
        }

        return RollupRows.Of(batch, store);
    }

    /// <summary>Per (dimension, id, granularity): counters summed over buckets, without the order-dependent ones.</summary>
    private static Dictionary<(string, string, KpiGranularity), long[]> Totals(Dictionary<KpiRollupKey, long[]> rows) =>
        rows.GroupBy(r => (r.Key.Dimension, r.Key.Id, r.Key.Granularity)).ToDictionary(g => g.Key, g =>
        {
            var sum = KpiCounters.New();
            foreach (var row in g)
            {
                KpiCounters.AddTo(sum, row.Value);
            }

            sum[(int)KpiCounter.Restated] = 0;
            return sum;
        });

    private static bool SameRows(Dictionary<KpiRollupKey, long[]> a, Dictionary<KpiRollupKey, long[]> b) =>
        a.Count == b.Count && a.All(r => b.TryGetValue(r.Key, out var other) && r.Value.SequenceEqual(other));

    private static bool SameTotals(Dictionary<(string, string, KpiGranularity), long[]> a, Dictionary<(string, string, KpiGranularity), long[]> b) =>
        a.Count == b.Count && a.All(r => b.TryGetValue(r.Key, out var other) && r.Value.SequenceEqual(other));

    /// <summary>As the partition aggregator does: each event's contributions merged into minute rows, their counter arrays handed back, then expanded to hour and day rows as a store does.</summary>
    private static Dictionary<KpiRollupKey, long[]> AggregateRecycling(IEnumerable<TrackedEvent> events)
    {
        var aggregation = new KpiAggregation(new KpiOptions { Lateness = TimeSpan.FromDays(1) });
        var state = new KpiKeyState();
        var minutes = new Dictionary<KpiRollupKey, long[]>();
        var output = new List<KpiContribution>();
        foreach (var e in events)
        {
            output.Clear();
            aggregation.Apply(e, state, "c-1", output);
            KpiRollupMerge.AddToMinutes(output, minutes);
            aggregation.Recycle(output);
        }

        return KpiRollupMerge.MergeExpanded(minutes.Select(m => new KpiRollupDelta(m.Key, m.Value)));
    }

    [Fact]
    public void RecycledCounterArraysGiveTheSameRowsAsFreshOnes() =>
        Prop.ForAll(Events.ToArbitrary(), events => SameRows(Aggregate(events, []), AggregateRecycling(events)))
        .QuickCheckThrowOnFailure();

    [Fact]
    public void RollupRowsDoNotDependOnWhereBatchesEnd() =>
        Prop.ForAll(Events.ToArbitrary(), Gen.Choose(0, 60).ListOf().ToArbitrary(), (events, cuts) =>
            SameRows(Aggregate(events, []), Aggregate(events, [.. cuts])))
        .QuickCheckThrowOnFailure();

    [Fact]
    public void TotalsPerDimensionDoNotDependOnTheOrderOfEventsWithinAPartition() =>
        Prop.ForAll(Events.ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (events, seed) =>
        {
            var random = new Random(seed);
            var shuffled = events.OrderBy(_ => random.Next()).ToList();
            return SameTotals(Totals(Aggregate(events, [])), Totals(Aggregate(shuffled, [])));
        })
        .QuickCheckThrowOnFailure();

    [Fact]
    public void MinuteHourAndDayRollupsOfADimensionAlwaysAddUpToTheSameTotals() =>
        Prop.ForAll(Events.ToArbitrary(), events =>
        {
            var totals = Totals(Aggregate(events, []));
            return totals.Keys.Select(k => (k.Item1, k.Item2)).Distinct().All(d =>
                totals[(d.Item1, d.Item2, KpiGranularity.Minute)].SequenceEqual(totals[(d.Item1, d.Item2, KpiGranularity.Hour)])
                && totals[(d.Item1, d.Item2, KpiGranularity.Hour)].SequenceEqual(totals[(d.Item1, d.Item2, KpiGranularity.Day)]));
        })
        .QuickCheckThrowOnFailure();
}
