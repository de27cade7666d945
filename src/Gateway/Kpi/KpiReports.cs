using AdOrleans.Grains.Kpi;

namespace AdOrleans.Gateway.Kpi;

/// <summary>Builds the KPI API's answers from rollup queries and the dimension join.</summary>
public sealed class KpiReports(IKpiQueries queries, DimensionDirectory directory)
{
    public async Task<KpiSeries> SeriesAsync(DimensionInfo dimension, KpiRange range, CancellationToken ct)
    {
        var rows = await queries.SeriesAsync(dimension.Dimension, dimension.Id, range.Granularity, range.From, range.To, ct);
        var lifetime = await queries.LifetimeAsync(dimension.Dimension, dimension.Id, range.To, ct);
        var previous = range.ComparePrevious
            ? Period(range.Previous, await queries.SeriesAsync(dimension.Dimension, dimension.Id, range.Granularity, range.Previous.From, range.Previous.To, ct))
            : null;
        return Series(dimension, range, rows, lifetime, previous);
    }

    public async Task<KpiChannels> ChannelsAsync(KpiRange range, CancellationToken ct)
    {
        var rows = await queries.SeriesAsync(KpiDimensions.Channel, null, range.Granularity, range.From, range.To, ct);
        var previousRows = range.ComparePrevious
            ? await queries.SeriesAsync(KpiDimensions.Channel, null, range.Granularity, range.Previous.From, range.Previous.To, ct)
            : [];
        var channels = new List<KpiSeries>();
        foreach (var channel in rows.Select(r => r.Id).Concat(previousRows.Select(r => r.Id)).Distinct().Order(StringComparer.Ordinal))
        {
            var info = await directory.DescribeAsync(KpiDimensions.Channel, channel, ct);
            var lifetime = await queries.LifetimeAsync(KpiDimensions.Channel, channel, range.To, ct);
            var previous = range.ComparePrevious ? Period(range.Previous, [.. previousRows.Where(r => r.Id == channel)]) : null;
            channels.Add(Series(info, range, [.. rows.Where(r => r.Id == channel)], lifetime, previous));
        }

        return new KpiChannels(KpiRange.Time(range.From), KpiRange.Time(range.To), range.Granularity.Name(), channels);
    }

    public async Task<KpiSummary> SummaryAsync(KpiRange range, CancellationToken ct)
    {
        var current = await SummaryPeriodAsync(range, ct);
        var lifetime = await queries.LifetimeAsync(KpiDimensions.Channel, null, range.To, ct);
        var previous = range.ComparePrevious ? await SummaryPeriodAsync(range.Previous, ct) : null;
        return new KpiSummary(current.From, current.To, current.Totals, KpiLifetime.From(lifetime), current.ByChannel, previous);
    }

    public async Task<KpiTop> TopAsync(string dimension, KpiRanking ranking, int n, KpiRange range, CancellationToken ct)
    {
        var totals = await queries.TotalsByIdAsync(dimension, range.AlignedGranularity, range.From, range.To, ct);
        var ranked = ranking.Rank(totals.Select(t => (t.Id, Values: KpiValues.From(t.Counters))), n);
        var items = new List<KpiRanked>(ranked.Count);
        foreach (var (id, values, value) in ranked)
        {
            items.Add(new KpiRanked(items.Count + 1, await directory.DescribeAsync(dimension, id, ct), value, values));
        }

        return new KpiTop(dimension, ranking.By, ranking.Descending ? "desc" : "asc", KpiRange.Time(range.From), KpiRange.Time(range.To), items);
    }

    private async Task<KpiSummaryPeriod> SummaryPeriodAsync(KpiRange range, CancellationToken ct)
    {
        var byChannel = await queries.TotalsByIdAsync(KpiDimensions.Channel, range.AlignedGranularity, range.From, range.To, ct);
        var byCampaign = await queries.TotalsByIdAsync(KpiDimensions.Campaign, range.AlignedGranularity, range.From, range.To, ct);
        var adRevenue = byCampaign.Sum(c => c.Counters[(int)KpiCounter.RevenueMicros]);
        return new KpiSummaryPeriod(
            KpiRange.Time(range.From), KpiRange.Time(range.To), KpiValues.From(KpiMath.Sum(byChannel.Select(c => c.Counters)), adRevenueMicros: adRevenue),
            byChannel.ToDictionary(c => c.Id, c => KpiValues.From(c.Counters), StringComparer.Ordinal));
    }

    private static KpiSeries Series(DimensionInfo dimension, KpiRange range, IReadOnlyList<KpiBucketRow> rows, long[] lifetime, KpiPeriod? previous) => new(
        dimension, KpiRange.Time(range.From), KpiRange.Time(range.To), range.Granularity.Name(),
        [.. rows.Select(r => KpiValues.From(r.Counters, KpiRange.Time(r.BucketStart)))],
        KpiValues.From(KpiMath.Sum(rows.Select(r => r.Counters))), KpiLifetime.From(lifetime), previous);

    private static KpiPeriod Period(KpiRange range, IReadOnlyList<KpiBucketRow> rows) => new(
        KpiRange.Time(range.From), KpiRange.Time(range.To),
        [.. rows.Select(r => KpiValues.From(r.Counters, KpiRange.Time(r.BucketStart)))],
        KpiValues.From(KpiMath.Sum(rows.Select(r => r.Counters))));
}
