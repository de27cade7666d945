namespace AdOrleans.Gateway.Kpi;

/// <summary>One committed change, as pushed on the stream: a bucket and its new totals (summed over sources).</summary>
public sealed record KpiChange(long Id, string Dimension, string DimensionId, string Granularity, DateTimeOffset BucketStart, KpiValues Values);
