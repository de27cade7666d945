using System.Text.Json;
using AdOrleans.Gateway.Kpi;
using AdOrleans.Grains;
using AdOrleans.Grains.Kpi;
using static AdOrleans.Kpi.Tests.Events;

namespace AdOrleans.Kpi.Tests;

/// <summary>The geo and device dimensions: unknown when missing, normalised, and capped per log key and UTC day.</summary>
public sealed class GeoDeviceAggregationTests
{
    private static readonly KpiOptions Options = new() { Lateness = TimeSpan.FromHours(1), MaxCodesPerDay = 3 };

    private static (Dictionary<KpiRollupKey, long[]> Rows, KpiKeyState State) Run(params TrackedEvent[] events)
    {
        var aggregation = new KpiAggregation(Options);
        var state = new KpiKeyState();
        var output = new List<KpiContribution>();
        foreach (var e in events)
        {
            aggregation.Apply(e, state, "c-1", output);
        }

        return (RollupRows.Of(output), state);
    }

    private static long Impressions(Dictionary<KpiRollupKey, long[]> rows, string dimension, string id, DateTimeOffset at) =>
        KpiValues.From(rows.GetValueOrDefault(new KpiRollupKey("c-1", dimension, id, KpiGranularity.Day, KpiGranularity.Day.BucketStart(at.ToUnixTimeSeconds()))) ?? KpiCounters.New()).Impressions;

    private static TrackedEvent Impression(string auction, DateTimeOffset at, string? geo, string? device) =>
        Ad(auction, "impression", "c-1", auction, at, 1_000) with { Geo = geo, Device = device };

    [Fact]
    public void AnEventWithoutGeoOrDeviceCountsAsUnknownAndCodesAreNormalised()
    {
        var (rows, _) = Run(Impression("a1", T, null, null), Impression("a2", T, "us", "MOBILE"), Impression("a3", T, "US", "mobile"));

        Assert.Equal(1, Impressions(rows, KpiDimensions.Geo, KpiDimensions.Unknown, T));
        Assert.Equal(1, Impressions(rows, KpiDimensions.Device, KpiDimensions.Unknown, T));
        Assert.Equal(2, Impressions(rows, KpiDimensions.Geo, "US", T));
        Assert.Equal(2, Impressions(rows, KpiDimensions.Device, "mobile", T));
    }

    [Fact]
    public void GeosBeyondTheDailyCapCountAsOtherAndTheCapStartsAfreshOnTheNextDay()
    {
        var nextDay = T.AddDays(1);
        var (rows, state) = Run(
            Impression("a1", T, "US", null), Impression("a2", T, "DE", null), Impression("a3", T, "FR", null),
            Impression("a4", T, "IT", null), Impression("a5", T, "ES", null), Impression("a6", T, "US", null), Impression("a7", T, null, null),
            Impression("a8", nextDay, "IT", null));

        Assert.Equal(2, Impressions(rows, KpiDimensions.Geo, "US", T));
        Assert.Equal(2, Impressions(rows, KpiDimensions.Geo, KpiDimensions.Other, T));
        Assert.Equal(0, Impressions(rows, KpiDimensions.Geo, "IT", T));
        Assert.Equal(1, Impressions(rows, KpiDimensions.Geo, KpiDimensions.Unknown, T));
        Assert.Equal(1, Impressions(rows, KpiDimensions.Geo, "IT", nextDay));
        Assert.Equal(["IT"], state.Geos);
        var geoRowsOfDay = rows.Keys.Count(k => k.Dimension == KpiDimensions.Geo && k.Granularity == KpiGranularity.Day && k.BucketStart == KpiGranularity.Day.BucketStart(T.ToUnixTimeSeconds()));
        Assert.Equal(Options.MaxCodesPerDay + 2, geoRowsOfDay);
    }

    [Fact]
    public void TheGeoAndDeviceRollupsCountTheSameImpressionsAsTheCampaign()
    {
        var (rows, _) = Run(Impression("a1", T, "US", "mobile"), Impression("a1", T, "US", "mobile"), Impression("a2", T, null, "desktop"));

        Assert.Equal(2, Impressions(rows, KpiDimensions.Campaign, "c-1", T));
        Assert.Equal(2, Impressions(rows, KpiDimensions.Geo, "US", T) + Impressions(rows, KpiDimensions.Geo, KpiDimensions.Unknown, T));
        Assert.Equal(2, Impressions(rows, KpiDimensions.Device, "mobile", T) + Impressions(rows, KpiDimensions.Device, "desktop", T));
    }

    [Fact]
    public void ALoggedEventWithoutGeoOrDeviceIsStillReadAndANewOneKeepsThem()
    {
        var old = Impression("a1", T, null, null);
        var json = JsonSerializer.SerializeToUtf8Bytes(old, GrainJsonContext.Default.TrackedEvent);
        var withCodes = JsonSerializer.SerializeToUtf8Bytes(old with { Geo = "US", Device = "mobile" }, GrainJsonContext.Default.TrackedEvent);

        Assert.DoesNotContain("geo", System.Text.Encoding.UTF8.GetString(json));
        Assert.Equal((null, null), (TrackedEventReader.Read(json).Geo, TrackedEventReader.Read(json).Device));
        Assert.Equal(("US", "mobile"), (TrackedEventReader.Read(withCodes).Geo, TrackedEventReader.Read(withCodes).Device));
    }
}
