using AdOrleans.Grains.Kpi;
using AdOrleans.Persistence;
using AdOrleans.Persistence.Sqlite.Kpi;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace AdOrleans.Kpi.Tests;

/// <summary>The SQLite rollup writer binds only the counters a delta sets; the rows must hold the full sums all the same.</summary>
public sealed class RollupWriterPropertyTests
{
    /// <summary>A clock at the epoch: the writer folds nothing, so the table holds exactly the rows written.</summary>
    private static readonly FakeTimeProvider BeforeAnyFold = new(DateTimeOffset.UnixEpoch);

    private static readonly KpiRollupKey[] Keys =
    [
        new("events/0", "campaign", "c-1", KpiGranularity.Minute, 60),
        new("events/0", "campaign", "c-1", KpiGranularity.Hour, 0),
        new("events/1", "campaign", "c-1", KpiGranularity.Minute, 60),
        new("events/0", "channel", "web", KpiGranularity.Minute, 60),
    ];

    /// <summary>Deltas that mostly set a few counters, sometimes none, over a few rows, written in several commits.</summary>
    private static readonly Gen<List<List<(int Key, long[] Delta)>>> Commits =
        (from key in Gen.Choose(0, Keys.Length - 1)
         from set in Gen.Elements(0, 1, 2, 3, KpiCounters.Count)
         from counters in Gen.Choose(0, KpiCounters.Count - 1).ArrayOf(set)
         from values in Gen.Choose(-1_000, 1_000).ArrayOf(set)
         select (key, Delta(counters, values))).ListOf().ListOf();

    [Fact]
    public void RowsHoldTheSumOfEveryDeltaWrittenToThem() =>
        Prop.ForAll(Commits.ToArbitrary(), commits =>
        {
            using var connection = Database();
            var expected = new Dictionary<KpiRollupKey, long[]>();
            foreach (var commit in commits)
            {
                using var transaction = connection.BeginTransaction();
                new SqliteKpiRollupWriter(new KpiChangeTracker(), BeforeAnyFold).Write(connection, transaction, [.. commit.Select(d => new KpiRollupDelta(Keys[d.Key], d.Delta))]);
                transaction.Commit();
                foreach (var (key, delta) in commit)
                {
                    KpiCounters.AddTo(expected.TryGetValue(Keys[key], out var sum) ? sum : expected[Keys[key]] = KpiCounters.New(), delta);
                }
            }

            var actual = Rows(connection);
            return actual.Count == expected.Count && expected.All(e => actual.TryGetValue(e.Key, out var row) && row.SequenceEqual(e.Value));
        })
        .QuickCheckThrowOnFailure();

    private static long[] Delta(int[] counters, int[] values)
    {
        var delta = KpiCounters.New();
        for (var i = 0; i < counters.Length; i++)
        {
            delta[counters[i]] = values[i];
        }

        return delta;
    }

    private static SqliteConnection Database()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        foreach (var (_, sql) in new SqliteKpiRollupWriter(new KpiChangeTracker()).Migrations)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        return connection;
    }

    private static Dictionary<KpiRollupKey, long[]> Rows(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT source, dimension, dimension_id, granularity, bucket_start, {string.Join(", ", KpiCounters.Columns)} FROM kpi_rollups";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<KpiRollupKey, long[]>();
        while (reader.Read())
        {
            var key = new KpiRollupKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), (KpiGranularity)reader.GetInt64(3), reader.GetInt64(4));
            rows[key] = [.. Enumerable.Range(5, KpiCounters.Count).Select(reader.GetInt64)];
        }

        return rows;
    }
}
