namespace AdOrleans.Grains.Kpi;

/// <summary>
/// What one event adds to the rollups: counter deltas for the minute (and so hour and day) buckets
/// of <see cref="OccurredAtSeconds"/>, under each of <see cref="Dimensions"/>, for rows owned by
/// <see cref="Source"/>. The aggregator merges a delivery's contributions into <see cref="KpiRollupDelta"/> rows.
/// A struct: one or two are made per event and merged at once.
/// </summary>
public readonly record struct KpiContribution(string Source, long OccurredAtSeconds, IReadOnlyList<KpiDimensionKey> Dimensions, long[] Delta);

/// <summary>
/// What a delivery adds to one rollup row. Emitted by the aggregator grain as a row; the store adds it in the same
/// transaction as the grain's state and applied offset, so it lands exactly once (the grain's state ETag makes a
/// double commit of one delivery impossible).
/// </summary>
public sealed record KpiRollupDelta(KpiRollupKey Key, long[] Delta);

/// <summary>A rollup row's identity. Rows are owned by one source grain; queries sum over sources.</summary>
public readonly record struct KpiRollupKey(string Source, string Dimension, string Id, KpiGranularity Granularity, long BucketStart)
{
    public KpiBucketKey Bucket => new(Dimension, Id, Granularity, BucketStart);

    /// <summary>The row of <paramref name="granularity"/> this row's bucket lies in (a minute row's hour or day row).</summary>
    public KpiRollupKey In(KpiGranularity granularity) =>
        granularity == Granularity ? this : this with { Granularity = granularity, BucketStart = granularity.BucketStart(BucketStart) };
}

/// <summary>A rollup bucket as readers see it: summed over every source grain.</summary>
[GenerateSerializer, Immutable]
public readonly record struct KpiBucketKey(
    [property: Id(0)] string Dimension, [property: Id(1)] string Id, [property: Id(2)] KpiGranularity Granularity, [property: Id(3)] long BucketStart);
