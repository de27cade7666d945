
namespace AdOrleans.Grains.Kpi;

/// <summary>
/// Reads KPI rollups from the store, summed over the grains that own the rows. Counters come back as
/// arrays indexed by <see cref="KpiCounter"/>; ratios are computed by the caller. Bucket starts are
/// unix seconds; a range is [from, to) on bucket starts. SQLite today; a PostgreSQL one can follow.
/// </summary>
public interface IKpiQueries
{
    /// <summary>Buckets of one id (or, with <paramref name="id"/> null, of every id) of a dimension, ordered by id then bucket.</summary>
    Task<IReadOnlyList<KpiBucketRow>> SeriesAsync(string dimension, string? id, KpiGranularity granularity, long from, long to, CancellationToken cancellationToken);

    /// <summary>Totals per id of a dimension over the range (read at <paramref name="granularity"/>, which must align with both ends).</summary>
    Task<IReadOnlyList<KpiIdTotals>> TotalsByIdAsync(string dimension, KpiGranularity granularity, long from, long to, CancellationToken cancellationToken);

    /// <summary>Counters of everything before <paramref name="to"/>: lifetime so far (for CLV).</summary>
    Task<long[]> LifetimeAsync(string dimension, string? id, long to, CancellationToken cancellationToken);

    /// <summary>Whether any rollup row exists for the id.</summary>
    Task<bool> ExistsAsync(string dimension, string id, CancellationToken cancellationToken);

    /// <summary>Current totals of the given buckets (for the change stream).</summary>
    Task<IReadOnlyList<(KpiBucketKey Key, long[] Counters)>> BucketsAsync(IReadOnlyCollection<KpiBucketKey> keys, CancellationToken cancellationToken);
}

public sealed record KpiBucketRow(string Id, long BucketStart, long[] Counters);

public sealed record KpiIdTotals(string Id, long[] Counters);
