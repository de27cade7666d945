using AdOrleans.Grains.Kpi;
using AdOrleans.Persistence.Postgres.DayPartitions;
using Npgsql;

namespace AdOrleans.Persistence.Postgres.Kpi;

/// <summary>
/// <c>kpi_rollups</c> in PostgreSQL: the SQLite table's key and columns, range-partitioned by day of
/// <c>bucket_start</c> (minute, hour and day buckets of an event all start on its day, so one event's rows share a
/// partition). Text keys use the "C" collation so ordering and comparison are byte-wise, as in SQLite.
/// </summary>
public static class PostgresKpiRollupSchema
{
    public static readonly DayPartitionedTable Partitioning = new("kpi_rollups", "bucket_start");

    public static readonly IReadOnlyList<(string Name, string Sql)> Migrations =
    [
        ("kpi-0001-rollups", $"""
        CREATE TABLE kpi_rollups (
            granularity  integer NOT NULL,
            dimension    text COLLATE "C" NOT NULL,
            dimension_id text COLLATE "C" NOT NULL,
            bucket_start bigint NOT NULL,
            source       text COLLATE "C" NOT NULL,
            {string.Join(",\n    ", KpiCounters.Columns.Take(KpiCounters.FirstMigrationCount).Select(c => $"{c} bigint NOT NULL DEFAULT 0"))},
            PRIMARY KEY (granularity, dimension, dimension_id, bucket_start, source)
        ) PARTITION BY RANGE (bucket_start);
        {PostgresDayPartitions.DefaultPartitionAndEnsureFunction("kpi_rollups")}
        """),
        // On the partitioned parent: PostgreSQL adds the columns to every partition.
        ("kpi-0002-sentiment", $"ALTER TABLE kpi_rollups {string.Join(", ", KpiCounters.SentimentColumns.Select(c => $"ADD COLUMN {c} bigint NOT NULL DEFAULT 0"))};"),
    ];

    public static readonly string SumColumns = string.Join(", ", KpiCounters.Columns.Select(c => $"SUM({c})::bigint"));

    public static long[] ReadCounters(NpgsqlDataReader reader, int first)
    {
        var counters = KpiCounters.New();
        AddCounters(reader, first, counters);
        return counters;
    }

    /// <summary>NULL (a SUM over no rows) reads as 0.</summary>
    public static void AddCounters(NpgsqlDataReader reader, int first, long[] counters)
    {
        for (var i = 0; i < KpiCounters.Count; i++)
        {
            counters[i] += reader.IsDBNull(first + i) ? 0 : reader.GetInt64(first + i);
        }
    }
}
