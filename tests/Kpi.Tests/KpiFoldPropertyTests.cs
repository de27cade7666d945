using AdOrleans.Grains.Kpi;
using AdOrleans.Persistence;
using AdOrleans.Persistence.Sqlite;
using AdOrleans.Persistence.Sqlite.Kpi;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace AdOrleans.Kpi.Tests;

/// <summary>
/// The embedded store writes minute rows and folds them into hour and day rows behind the clock, a chunk per commit;
/// deltas for minutes already folded go to all three at once. Wherever the fold stands, every answer must add up
/// every delta written.
/// </summary>
public sealed class KpiFoldPropertyTests
{
    /// <summary>90 minutes before a UTC day ends, so the deltas' three hours span two days.</summary>
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 22, 30, 0, TimeSpan.Zero);

    private static readonly (string Source, string Dimension, string Id)[] Series =
        [("events/0", "campaign", "c-1"), ("events/1", "campaign", "c-1"), ("events/0", "campaign", "c-2"), ("events/1", "channel", "web")];

    /// <summary>Commits, each after the clock moved on some minutes, each with deltas to any of 180 minutes from the start.</summary>
    private static readonly Gen<List<(int Advance, List<(int Series, int Minute, int Counter, int Value)>)>> Commits =
        (from advance in Gen.Choose(0, 40)
         from deltas in (from series in Gen.Choose(0, Series.Length - 1)
                         from minute in Gen.Choose(0, 179)
                         from counter in Gen.Choose(0, 3)
                         from value in Gen.Choose(1, 100)
                         select (series, minute, counter, value)).ListOf()
         select (advance, deltas)).ListOf();

    [Fact]
    public void HourDayAndLifetimeAnswersAddUpEveryDeltaWhereverTheFoldStands() =>
        Prop.ForAll(Commits.ToArbitrary(), Gen.Choose(1, 6).ToArbitrary(), (commits, chunk) => AnswersAddUp(commits, chunk).GetAwaiter().GetResult())
        .QuickCheckThrowOnFailure();

    private static async Task<bool> AnswersAddUp(List<(int Advance, List<(int Series, int Minute, int Counter, int Value)> Deltas)> commits, int chunk)
    {
        var directory = Directory.CreateTempSubdirectory("adorleans-fold-");
        var clock = new FakeTimeProvider(Start);
        using var store = new SqliteGrainStateStore(Path.Combine(directory.FullName, "state.db"), [new SqliteKpiRollupWriter(new KpiChangeTracker(), clock, chunk)]);
        try
        {
            var queries = new SqliteKpiQueries(store);
            var expected = new Dictionary<KpiBucketKey, long[]>();
            foreach (var (advance, deltas) in commits)
            {
                clock.Advance(TimeSpan.FromMinutes(advance));
                var rows = deltas.Select(Delta).ToList();
                await store.CommitAsync(new PartitionCommit("", [], []) { Rows = rows }, CancellationToken.None);
                foreach (var (key, counters) in KpiRollupMerge.MergeExpanded(rows))
                {
                    KpiCounters.AddTo(expected.TryGetValue(key.Bucket, out var sum) ? sum : expected[key.Bucket] = KpiCounters.New(), counters);
                }

                if (!await SameAnswers(queries, expected))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            using (var pooled = new SqliteConnection(store.ConnectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }

            directory.Delete(recursive: true);
        }
    }

    private static KpiRollupDelta Delta((int Series, int Minute, int Counter, int Value) d)
    {
        var (source, dimension, id) = Series[d.Series];
        var delta = KpiCounters.New();
        delta[d.Counter] = d.Value;
        return new KpiRollupDelta(new KpiRollupKey(source, dimension, id, KpiGranularity.Minute, Start.ToUnixTimeSeconds() + (d.Minute * 60L)), delta);
    }

    private static async Task<bool> SameAnswers(SqliteKpiQueries queries, Dictionary<KpiBucketKey, long[]> expected)
    {
        var buckets = await queries.BucketsAsync(expected.Keys, CancellationToken.None);
        if (!buckets.All(b => b.Counters.SequenceEqual(expected[b.Key])))
        {
            return false;
        }

        var (from, to) = (Start.AddDays(-1).ToUnixTimeSeconds(), Start.AddDays(1).ToUnixTimeSeconds());
        foreach (var granularity in KpiGranularities.All)
        {
            var series = await queries.SeriesAsync("campaign", null, granularity, from, to, CancellationToken.None);
            var want = expected.Where(e => e.Key.Dimension == "campaign" && e.Key.Granularity == granularity).OrderBy(e => e.Key.Id, StringComparer.Ordinal).ThenBy(e => e.Key.BucketStart);
            if (!series.Select(r => (r.Id, r.BucketStart, string.Join(",", r.Counters))).SequenceEqual(want.Select(e => (e.Key.Id, e.Key.BucketStart, string.Join(",", e.Value)))))
            {
                return false;
            }

            var totals = await queries.TotalsByIdAsync("campaign", granularity, from, to, CancellationToken.None);
            if (!totals.All(t => t.Counters.SequenceEqual(Sum(want.Where(e => e.Key.Id == t.Id).Select(e => e.Value)))) || totals.Count != want.Select(e => e.Key.Id).Distinct().Count())
            {
                return false;
            }
        }

        var lifetime = await queries.LifetimeAsync("campaign", "c-1", Start.AddHours(2).AddMinutes(7).ToUnixTimeSeconds(), CancellationToken.None);
        var minutesBefore = expected.Where(e => e.Key is { Dimension: "campaign", Id: "c-1", Granularity: KpiGranularity.Minute } && e.Key.BucketStart < Start.AddHours(2).AddMinutes(7).ToUnixTimeSeconds());
        return lifetime.SequenceEqual(Sum(minutesBefore.Select(e => e.Value)));
    }

    private static long[] Sum(IEnumerable<long[]> rows)
    {
        var sum = KpiCounters.New();
        foreach (var row in rows)
        {
            KpiCounters.AddTo(sum, row);
        }

        return sum;
    }
}
