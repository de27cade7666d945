namespace AdOrleans.Gateway.Kpi;

/// <summary>A previous period (compare=previous): same length, ending where the asked range starts.</summary>
public sealed record KpiPeriod(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<KpiValues> Points, KpiValues Totals);

/// <summary>
/// A time series of one campaign, channel, slot, segment or creative. Points are only the buckets that
/// have data (sparse), ordered by time; totals are the sum of the points.
/// </summary>
public sealed record KpiSeries(
    DimensionInfo Dimension, DateTimeOffset From, DateTimeOffset To, string Granularity,
    IReadOnlyList<KpiValues> Points, KpiValues Totals, KpiLifetime Lifetime, KpiPeriod? Previous);

public sealed record KpiChannels(DateTimeOffset From, DateTimeOffset To, string Granularity, IReadOnlyList<KpiSeries> Channels);

public sealed record KpiSummaryPeriod(DateTimeOffset From, DateTimeOffset To, KpiValues Totals, IReadOnlyDictionary<string, KpiValues> ByChannel);

/// <summary>Everything counted in the range (every event has a channel, so channel rows cover all of it).</summary>
public sealed record KpiSummary(
    DateTimeOffset From, DateTimeOffset To, KpiValues Totals, KpiLifetime Lifetime,
    IReadOnlyDictionary<string, KpiValues> ByChannel, KpiSummaryPeriod? Previous);

public sealed record KpiRanked(int Rank, DimensionInfo Item, double? Value, KpiValues Totals);

public sealed record KpiTop(string Dimension, string By, string Order, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<KpiRanked> Items);
