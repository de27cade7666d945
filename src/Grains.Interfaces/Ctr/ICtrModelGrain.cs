using AdOrleans.Grains.Attribution;

namespace AdOrleans.Grains.Ctr;

/// <summary>
/// The one CTR model of the service (key <see cref="Key"/>). The partition aggregators hand it their new impressions
/// and clicks before they commit; it trains online, saves and publishes on a timer (docs/ctr.md).
/// </summary>
public interface ICtrModelGrain : IGrainWithStringKey
{
    public const string GrainType = "ctr-model";

    public const string Key = "global";

    /// <summary>Trains on the events in order; ones at or below the highest offset applied from their partition are skipped (a retried delivery).</summary>
    Task TrainAsync(IReadOnlyList<JourneyEvent> events);

    /// <summary>The model as last saved and published; null before the first save.</summary>
    Task<CtrModelSnapshot?> PublishedAsync();
}
