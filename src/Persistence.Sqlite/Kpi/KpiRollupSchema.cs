using AdOrleans.Grains.Kpi;

namespace AdOrleans.Persistence.Sqlite.Kpi;

/// <summary>
/// The rollup table. One row per (granularity, dimension, id, bucket, source grain): each row has one
/// owner, so grains never read-modify-write each other's rows; readers SUM over sources. The key
/// starts with granularity and dimension so a series is one range scan and top-N scans one dimension.
/// </summary>
internal static class KpiRollupSchema
{
    public static readonly string CounterColumns = string.Join(", ", KpiCounters.Columns);

    public static readonly string SumColumns = string.Join(", ", KpiCounters.Columns.Select(c => $"SUM({c})"));

    public static readonly IReadOnlyList<(string Name, string Sql)> Migrations =
    [
        ("kpi-0001-rollups", $"""
        CREATE TABLE kpi_rollups (
            granularity  INTEGER NOT NULL,
            dimension    TEXT NOT NULL,
            dimension_id TEXT NOT NULL,
            bucket_start INTEGER NOT NULL,
            source       TEXT NOT NULL,
            {string.Join(",\n    ", KpiCounters.Columns.Take(KpiCounters.FirstMigrationCount).Select(c => $"{c} INTEGER NOT NULL DEFAULT 0"))},
            PRIMARY KEY (granularity, dimension, dimension_id, bucket_start, source)
        ) WITHOUT ROWID;
        """),
        ("kpi-0002-sentiment", string.Concat(KpiCounters.SentimentColumns.Select(c => $"ALTER TABLE kpi_rollups ADD COLUMN {c} INTEGER NOT NULL DEFAULT 0;\n"))),
        // Minute rows in fold order, and the fold's position (KpiFoldCursor). Rows written before this migration are
        // already in their hour and day rows: the position starts just above the last minute there is.
        ("kpi-0003-fold", $"""
        CREATE INDEX kpi_rollups_minutes ON kpi_rollups (bucket_start, dimension, dimension_id, source) WHERE granularity = {(long)KpiGranularity.Minute};
        CREATE TABLE kpi_fold (
            only_row     INTEGER PRIMARY KEY CHECK (only_row = 0),
            bucket_start INTEGER NOT NULL,
            dimension    TEXT NOT NULL,
            dimension_id TEXT NOT NULL,
            source       TEXT NOT NULL
        );
        INSERT INTO kpi_fold
        SELECT 0, COALESCE(MAX(bucket_start) + 1, -4611686018427387904), '', '', '' FROM kpi_rollups WHERE granularity = {(long)KpiGranularity.Minute};
        """),
    ];
}
