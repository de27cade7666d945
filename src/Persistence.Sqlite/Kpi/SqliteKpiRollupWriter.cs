using AdOrleans.Grains.Kpi;
using AdOrleans.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite.Kpi;

/// <summary>
/// Adds the aggregators' rollup deltas to their rows inside the commit transaction. They are
/// deltas: exactly-once because they commit atomically with the grain's state (ETag-checked) and offsets,
/// so a batch either lands once or not at all and is then replayed. One upsert per delta, bound through SQLite's own
/// API (<see cref="SqliteStatement"/>). Not merged across a commit's deliveries: each aggregator already merged its
/// delivery per row, and deliveries of different partitions share only their channel rows, so merging them again in
/// a dictionary (13 % of the committer's time with uniform keys) cost more than the few upserts it saved.
/// The aggregators send minute rows; their hour and day rows are written by <see cref="KpiFold"/> once the minute is
/// closed, or here at once for a minute already folded (a late event), so the fold never misses a delta.
/// </summary>
/// <param name="foldRowsPerCommit">Minute rows one commit folds at most (tests make chunks small).</param>
public sealed class SqliteKpiRollupWriter(KpiChangeTracker changes, TimeProvider? clock = null, int foldRowsPerCommit = KpiFold.RowsPerCommit) : ISqliteRowWriter
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public Type RowType => typeof(KpiRollupDelta);

    public IReadOnlyList<(string Name, string Sql)> Migrations => KpiRollupSchema.Migrations;

    public void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<object> rows)
    {
        using var upserts = new KpiRollupUpserts(connection);
        var cursor = KpiFold.ReadCursor(connection);
        foreach (KpiRollupDelta row in rows)
        {
            upserts.Add(row.Key, row.Delta);
            if (row.Key.Granularity == KpiGranularity.Minute && cursor.Covers(row.Key))
            {
                upserts.Add(row.Key.In(KpiGranularity.Hour), row.Delta);
                upserts.Add(row.Key.In(KpiGranularity.Day), row.Delta);
            }
        }

        var horizon = KpiFold.Horizon(_clock.GetUtcNow());
        if (cursor.BucketStart < KpiFoldCursor.Before(horizon).BucketStart)
        {
            KpiFold.Step(connection, upserts, cursor, horizon, foldRowsPerCommit);
        }

        changes.Record(rows.SelectMany(row => KpiRollupMerge.RowsOf(((KpiRollupDelta)row).Key)));
    }
}
