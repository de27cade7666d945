namespace AdOrleans.Grains.Attribution;

/// <summary>One journey per user id: touchpoints and conversions arrive from the partition aggregators.</summary>
public interface IJourneyGrain : IGrainWithStringKey
{
    public const string GrainType = "journey";

    /// <summary>Applies events of this user; ones already applied (same eventId) are skipped, so a retried call is harmless.</summary>
    Task TrackAsync(IReadOnlyList<TrackedEvent> events);
}
