using AdOrleans.Grains.Kpi;
using Npgsql;

namespace AdOrleans.Silo.Kpi.Postgres;

/// <summary>
/// <c>kpi_rollups</c> in PostgreSQL: the SQLite table's key and columns, range-partitioned by day of
/// <c>bucket_start</c> (minute, hour and day buckets of an event all start on its day, so one event's rows share a
/// partition). Text keys use the "C" collation so ordering and comparison are byte-wise, as in SQLite. Rows whose
/// day has no partition land in <c>kpi_rollups_default</c>; <see cref="KpiPartitionMaintenance"/> creates day
/// partitions ahead of time through <c>kpi_rollups_ensure_days</c>.
/// </summary>
internal static class PostgresKpiRollupSchema
{
    public static readonly IReadOnlyList<(string Name, string Sql)> Migrations =
    [
        ("kpi-0001-rollups", $"""
        CREATE TABLE kpi_rollups (
            granularity  integer NOT NULL,
            dimension    text COLLATE "C" NOT NULL,
            dimension_id text COLLATE "C" NOT NULL,
            bucket_start bigint NOT NULL,
            source       text COLLATE "C" NOT NULL,
            {string.Join(",\n    ", KpiCounters.Columns.Select(c => $"{c} bigint NOT NULL DEFAULT 0"))},
            PRIMARY KEY (granularity, dimension, dimension_id, bucket_start, source)
        ) PARTITION BY RANGE (bucket_start);
        CREATE TABLE kpi_rollups_default PARTITION OF kpi_rollups DEFAULT;

        -- Creates the missing day partitions of [first_day, last_day] (unix seconds, UTC midnights). A day that
        -- already has rows in the default partition is skipped: they stay there, still correct, just unpruned.
        -- The advisory lock serialises processes that run this at the same time; the lock timeout bounds how long
        -- it may queue behind (and so hold up) commits and queries: creating a partition locks the parent table.
        CREATE FUNCTION kpi_rollups_ensure_days(first_day bigint, last_day bigint) RETURNS integer
        LANGUAGE plpgsql SET lock_timeout = '5s' AS $$
        DECLARE
            day bigint;
            name text;
            created integer := 0;
        BEGIN
            PERFORM pg_advisory_xact_lock(hashtext('kpi_rollups_ensure_days'));
            FOR day IN SELECT generate_series(first_day, last_day, 86400) LOOP
                name := 'kpi_rollups_' || to_char(to_timestamp(day) AT TIME ZONE 'UTC', 'YYYYMMDD');
                CONTINUE WHEN to_regclass(name) IS NOT NULL;
                CONTINUE WHEN EXISTS (SELECT 1 FROM kpi_rollups_default WHERE bucket_start >= day AND bucket_start < day + 86400);
                EXECUTE format('CREATE TABLE %I PARTITION OF kpi_rollups FOR VALUES FROM (%s) TO (%s)', name, day, day + 86400);
                created := created + 1;
            END LOOP;
            RETURN created;
        END
        $$;
        """),
    ];

    public static readonly string SumColumns = string.Join(", ", KpiCounters.Columns.Select(c => $"SUM({c})::bigint"));

    public static long[] ReadCounters(NpgsqlDataReader reader, int first)
    {
        var counters = KpiCounters.New();
        for (var i = 0; i < KpiCounters.Count; i++)
        {
            counters[i] = reader.IsDBNull(first + i) ? 0 : reader.GetInt64(first + i);
        }

        return counters;
    }
}
