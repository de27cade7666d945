using AdOrleans.Grains.Kpi;
using AdOrleans.Persistence.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace AdOrleans.Persistence.Postgres.Kpi;

/// <summary>
/// KPI rollup queries over the PostgreSQL store: the statements of <see cref="SqliteKpiQueries"/>, with the same
/// results for the same rows (sums cast back to bigint, byte-wise ordering from the "C" collation, a row per
/// requested bucket even when it is empty). Reads survive a server restart like the store's own.
/// </summary>
public sealed class PostgresKpiQueries(PostgresGrainStateStore store) : IKpiQueries
{
    private static readonly string Sums = PostgresKpiRollupSchema.SumColumns;

    private static readonly string Columns = string.Join(", ", KpiCounters.Columns);

    /// <summary>Rows in key order, summed over sources here: cheaper than GROUP BY with twenty SUMs (bench/Kpi.Bench).</summary>
    public async Task<IReadOnlyList<KpiBucketRow>> SeriesAsync(string dimension, string? id, KpiGranularity granularity, long from, long to, CancellationToken cancellationToken) =>
        await store.ReadRetryingAsync(async () =>
        {
            await using var command = Command($"""
                SELECT dimension_id, bucket_start, {Columns} FROM kpi_rollups
                WHERE granularity = @g AND dimension = @d {(id is null ? "" : "AND dimension_id = @i")} AND bucket_start >= @f AND bucket_start < @t
                ORDER BY dimension_id, bucket_start
                """, granularity, dimension, id, from, to);
            var rows = new List<KpiBucketRow>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                PostgresKpiRollupSchema.AddCounters(reader, 2, rows.CountersOf(id ?? reader.GetString(0), reader.GetInt64(1)));
            }

            return (IReadOnlyList<KpiBucketRow>)rows;
        });

    public async Task<IReadOnlyList<KpiIdTotals>> TotalsByIdAsync(string dimension, KpiGranularity granularity, long from, long to, CancellationToken cancellationToken) =>
        await store.ReadRetryingAsync(async () =>
        {
            await using var command = Command($"""
                SELECT dimension_id, {Sums} FROM kpi_rollups
                WHERE granularity = @g AND dimension = @d AND bucket_start >= @f AND bucket_start < @t
                GROUP BY dimension_id ORDER BY dimension_id
                """, granularity, dimension, null, from, to);
            var rows = new List<KpiIdTotals>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new KpiIdTotals(reader.GetString(0), PostgresKpiRollupSchema.ReadCounters(reader, 1)));
            }

            return (IReadOnlyList<KpiIdTotals>)rows;
        });

    /// <summary>Whole days from day rows, whole hours of the last day from hour rows, the rest from minute rows.</summary>
    public async Task<long[]> LifetimeAsync(string dimension, string? id, long to, CancellationToken cancellationToken) =>
        await store.ReadRetryingAsync(async () =>
        {
            var idFilter = id is null ? "" : "AND dimension_id = @i";
            await using var command = Command($"""
                SELECT {Sums} FROM kpi_rollups
                WHERE (granularity = {(int)KpiGranularity.Day} AND dimension = @d {idFilter} AND bucket_start < @f)
                   OR (granularity = {(int)KpiGranularity.Hour} AND dimension = @d {idFilter} AND bucket_start >= @f AND bucket_start < @h)
                   OR (granularity = {(int)KpiGranularity.Minute} AND dimension = @d {idFilter} AND bucket_start >= @h AND bucket_start < @t)
                """, null, dimension, id, KpiGranularity.Day.BucketStart(to), to);
            command.Parameters.AddWithValue("h", KpiGranularity.Hour.BucketStart(to));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? PostgresKpiRollupSchema.ReadCounters(reader, 0) : KpiCounters.New();
        });

    public async Task<bool> ExistsAsync(string dimension, string id, CancellationToken cancellationToken) =>
        await store.ReadRetryingAsync(async () =>
        {
            await using var command = Command(
                $"SELECT EXISTS (SELECT 1 FROM kpi_rollups WHERE granularity = {(int)KpiGranularity.Day} AND dimension = @d AND dimension_id = @i)",
                null, dimension, id, null, null);
            return await command.ExecuteScalarAsync(cancellationToken) is true;
        });

    /// <summary>One round trip for all buckets, in the order the SQLite implementation reads them; empty buckets answer zeros.</summary>
    public async Task<IReadOnlyList<(KpiBucketKey Key, long[] Counters)>> BucketsAsync(IReadOnlyCollection<KpiBucketKey> keys, CancellationToken cancellationToken)
    {
        var ordered = keys.OrderBy(k => k.BucketStart).ThenBy(k => k.Granularity).ThenBy(k => k.Dimension, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal).ToArray();
        if (ordered.Length == 0)
        {
            return [];
        }

        return await store.ReadRetryingAsync(async () =>
        {
            await using var command = store.DataSource.CreateCommand($"""
                SELECT {Sums} FROM unnest(@g, @d, @i, @b) WITH ORDINALITY AS u(g, d, i, b, n)
                LEFT JOIN kpi_rollups r ON r.granularity = u.g AND r.dimension = u.d AND r.dimension_id = u.i AND r.bucket_start = u.b
                GROUP BY u.n ORDER BY u.n
                """);
            command.Parameters.Add(new NpgsqlParameter<int[]>("g", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. ordered.Select(k => (int)k.Granularity)] });
            command.Parameters.Add(new NpgsqlParameter<string[]>("d", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. ordered.Select(k => k.Dimension)] });
            command.Parameters.Add(new NpgsqlParameter<string[]>("i", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. ordered.Select(k => k.Id)] });
            command.Parameters.Add(new NpgsqlParameter<long[]>("b", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. ordered.Select(k => k.BucketStart)] });
            var result = new List<(KpiBucketKey, long[])>(ordered.Length);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            for (var n = 0; await reader.ReadAsync(cancellationToken); n++)
            {
                result.Add((ordered[n], PostgresKpiRollupSchema.ReadCounters(reader, 0)));
            }

            return (IReadOnlyList<(KpiBucketKey, long[])>)result;
        });
    }

    private NpgsqlCommand Command(string sql, KpiGranularity? granularity, string dimension, string? id, long? from, long? to)
    {
        var command = store.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("d", dimension);
        if (granularity is { } g)
        {
            command.Parameters.AddWithValue("g", (int)g);
        }

        if (id is not null)
        {
            command.Parameters.AddWithValue("i", id);
        }

        if (from is { } f)
        {
            command.Parameters.AddWithValue("f", f);
        }

        if (to is { } t)
        {
            command.Parameters.AddWithValue("t", t);
        }

        return command;
    }
}
