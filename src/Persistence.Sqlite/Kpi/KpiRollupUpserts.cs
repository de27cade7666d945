using AdOrleans.Grains.Kpi;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite.Kpi;

/// <summary>
/// Adds deltas to rollup rows within one commit. An event sets two or three of the 24 counters: each upsert binds and
/// adds only the counters its delta sets, through one prepared statement per set of counters (a commit's rows use a
/// handful of sets); the others keep their default 0 on insert.
/// </summary>
internal sealed class KpiRollupUpserts(SqliteConnection connection) : IDisposable
{
    private const int KeyParameters = 5;

    private readonly Dictionary<long, SqliteStatement> _statements = [];

    public void Add(KpiRollupKey key, long[] delta)
    {
        var counters = SetCounters(delta);
        if (!_statements.TryGetValue(counters, out var upsert))
        {
            _statements[counters] = upsert = new SqliteStatement(connection, UpsertSql(counters));
        }

        upsert.Bind(1, (long)key.Granularity).Bind(2, key.Dimension).Bind(3, key.Id).Bind(4, key.BucketStart).Bind(5, key.Source);
        var parameter = KeyParameters;
        for (var c = 0; c < delta.Length; c++)
        {
            if (delta[c] != 0)
            {
                upsert.Bind(++parameter, delta[c]);
            }
        }

        upsert.Execute();
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }
    }

    /// <summary>Bit c is set when counter c is not zero (24 counters today; a long has room for 64).</summary>
    private static long SetCounters(long[] delta)
    {
        var counters = 0L;
        for (var c = 0; c < delta.Length; c++)
        {
            if (delta[c] != 0)
            {
                counters |= 1L << c;
            }
        }

        return counters;
    }

    /// <summary>
    /// Inserts the row with the set counters (the others default to 0), or adds them to the row there. A delta that
    /// sets none still creates its row, as adding zeros would.
    /// </summary>
    private static string UpsertSql(long counters)
    {
        var columns = KpiCounters.Columns.Where((_, c) => (counters & (1L << c)) != 0).ToList();
        var insertColumns = string.Concat(columns.Select(c => $", {c}"));
        var values = string.Join(", ", Enumerable.Range(1, KeyParameters + columns.Count).Select(i => $"?{i}"));
        var onConflict = columns.Count == 0 ? "DO NOTHING" : $"DO UPDATE SET {string.Join(", ", columns.Select(c => $"{c} = {c} + excluded.{c}"))}";
        return $"""
            INSERT INTO kpi_rollups (granularity, dimension, dimension_id, bucket_start, source{insertColumns})
            VALUES ({values})
            ON CONFLICT (granularity, dimension, dimension_id, bucket_start, source) {onConflict}
            """;
    }
}
