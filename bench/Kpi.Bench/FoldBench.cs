using System.Diagnostics;
using AdOrleans.Bench;
using AdOrleans.Grains.Kpi;
using AdOrleans.Persistence;
using AdOrleans.Persistence.Sqlite;
using AdOrleans.Persistence.Sqlite.Kpi;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Kpi.Bench;

/// <summary>
/// What the embedded store's rollup writes cost with hour and day rows folded from minute rows, against writing all
/// three in every commit (what the aggregators did before), in the same run: <c>keys</c> keys each touched by
/// <c>touches</c> commits in each of <c>minutes</c> minutes, in commits of 4,000 rows (an aggregator commit's size
/// with uniform keys). The folded store writes minute rows only, then its fold runs (the clock moved an hour past the
/// minutes) until every minute is folded; both stores must then hold the same hour and day sums.
/// </summary>
internal static class FoldBench
{
    private const int RowsPerCommit = 4000;

    public static async Task RunAsync(int keys, int minutes, int touches, CancellationToken cancellationToken)
    {
        var start = KpiGranularity.Hour.BucketStart(DateTimeOffset.UtcNow.ToUnixTimeSeconds()) - 86400;
        var directory = Directory.CreateTempSubdirectory("kpi-fold-bench-");
        try
        {
            Console.WriteLine($"fold: {keys:N0} keys x {minutes} minutes x {touches} commits per key and minute, {RowsPerCommit:N0} rows per commit");
            var clock = new BenchClock(DateTimeOffset.FromUnixTimeSeconds(start));
            using var folded = new SqliteGrainStateStore(Path.Combine(directory.FullName, "folded.db"), [new SqliteKpiRollupWriter(new KpiChangeTracker(), clock)]);
            using var expanded = new SqliteGrainStateStore(Path.Combine(directory.FullName, "expanded.db"), [new SqliteKpiRollupWriter(new KpiChangeTracker(), clock)]);
            var all = Stopwatch.StartNew();
            var expandedSeconds = await WriteAsync(expanded, start, keys, minutes, touches, expand: true, cancellationToken);
            await MarkFoldedAsync(expanded, start + (minutes * 60L), cancellationToken);
            var minuteSeconds = await WriteAsync(folded, start, keys, minutes, touches, expand: false, cancellationToken);
            clock.Now = DateTimeOffset.FromUnixTimeSeconds(start + (minutes * 60L)) + TimeSpan.FromHours(1);
            var (foldSeconds, foldCommits) = await FoldAsync(folded, start + (minutes * 60L), cancellationToken);
            var rows = (long)keys * minutes * touches;
            Console.WriteLine($"expanded (minute, hour and day rows in every commit): {rows * 3:N0} upserts in {expandedSeconds:F2} s");
            Console.WriteLine($"folded: minute rows {rows:N0} upserts in {minuteSeconds:F2} s, then the fold of {(long)keys * minutes:N0} minute rows in {foldCommits:N0} commits, {foldSeconds:F2} s ({foldSeconds * 1000 / Math.Max(1, foldCommits):F1} ms per commit)");
            Console.WriteLine($"RESULT fold keys={keys} minutes={minutes} touches={touches} expanded_s={expandedSeconds:F2} minute_rows_s={minuteSeconds:F2} fold_s={foldSeconds:F2} ratio={(minuteSeconds + foldSeconds) / expandedSeconds:F2} total_s={all.Elapsed.TotalSeconds:F1}");
            await VerifyAsync(folded, expanded, cancellationToken);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static async Task<double> WriteAsync(SqliteGrainStateStore store, long start, int keys, int minutes, int touches, bool expand, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var commit = new List<object>(RowsPerCommit * 3);
        for (var minute = 0; minute < minutes; minute++)
        {
            for (var touch = 0; touch < touches; touch++)
            {
                for (var key = 0; key < keys; key++)
                {
                    var delta = new KpiRollupDelta(new KpiRollupKey("events/0", "campaign", $"c-{key}", KpiGranularity.Minute, start + (minute * 60L)), Pageview());
                    commit.AddRange(expand ? [delta, delta with { Key = delta.Key.In(KpiGranularity.Hour) }, delta with { Key = delta.Key.In(KpiGranularity.Day) }] : [delta]);
                    if (commit.Count >= RowsPerCommit * (expand ? 3 : 1))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        await store.CommitAsync(new PartitionCommit("", [], []) { Rows = [.. commit] }, cancellationToken);
                        commit.Clear();
                    }
                }
            }
        }

        await store.CommitAsync(new PartitionCommit("", [], []) { Rows = [.. commit] }, cancellationToken);
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Commits one delta for a later minute at a time (the fold runs in commits that carry rows) until the fold passes <paramref name="end"/>.</summary>
    private static async Task<(double Seconds, int Commits)> FoldAsync(SqliteGrainStateStore store, long end, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var commits = 0;
        await using var connection = new SqliteConnection(store.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var position = connection.CreateCommand();
        position.CommandText = "SELECT bucket_start FROM kpi_fold";
        while ((long)(await position.ExecuteScalarAsync(cancellationToken))! < end - 1)
        {
            var trigger = new KpiRollupDelta(new KpiRollupKey("events/0", "campaign", "trigger", KpiGranularity.Minute, end + 3600), Pageview());
            await store.CommitAsync(new PartitionCommit("", [], []) { Rows = [trigger] }, cancellationToken);
            commits++;
        }

        return (watch.Elapsed.TotalSeconds, commits);
    }

    /// <summary>The expanded store holds every hour and day row already: its fold position goes past its minutes, as after an upgrade.</summary>
    private static async Task MarkFoldedAsync(SqliteGrainStateStore store, long end, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(store.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE kpi_fold SET bucket_start = {end}, dimension = '', dimension_id = '', source = ''";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task VerifyAsync(SqliteGrainStateStore folded, SqliteGrainStateStore expanded, CancellationToken cancellationToken)
    {
        foreach (var granularity in new[] { KpiGranularity.Hour, KpiGranularity.Day })
        {
            var sums = await Task.WhenAll(new[] { folded, expanded }.Select(async store =>
            {
                var totals = await new SqliteKpiQueries(store).TotalsByIdAsync("campaign", granularity, 0, long.MaxValue / 2, cancellationToken);
                return totals.Where(t => t.Id != "trigger").Sum(t => t.Counters[(int)KpiCounter.Pageviews]);
            }));
            if (sums[0] != sums[1])
            {
                throw new BenchmarkFailedException($"{granularity} rows: the folded store counts {sums[0]} pageviews, the expanded one {sums[1]}.");
            }
        }
    }

    private static long[] Pageview()
    {
        var delta = KpiCounters.New();
        delta[(int)KpiCounter.Pageviews] = 1;
        return delta;
    }

    private sealed class BenchClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
