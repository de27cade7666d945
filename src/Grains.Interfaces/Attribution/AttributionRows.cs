namespace AdOrleans.Grains.Attribution;

/// <summary>
/// A change to the credits of one (hour, model, channel, campaign) a journey grain emits with its state: added to the
/// stored row, so it counts exactly when the state that produced it commits. Campaign is "" for touchpoints without one.
/// </summary>
public sealed record AttributionCreditDelta(long HourStart, string Model, string Channel, string CampaignId, long NanoConversions, long RevenueMicros);

/// <summary>A change to how many journeys ended with a path (channels joined by '&gt;') in the hour of their last event.</summary>
public sealed record AttributionPathDelta(long HourStart, string Path, long Conversions, long Nulls);

/// <summary>What one journey change emits: one row object, so each store needs one writer for attribution.</summary>
public sealed record AttributionDelta(IReadOnlyList<AttributionCreditDelta> Credits, IReadOnlyList<AttributionPathDelta> Paths);

public sealed record AttributionCredit(string Model, string Channel, string CampaignId, long NanoConversions, long RevenueMicros);

public sealed record AttributionData(IReadOnlyList<AttributionCredit> Credits, IReadOnlyList<JourneyPathCount> Paths);

/// <summary>Where attribution reports read from: the credit and path rows the journey grains commit.</summary>
public interface IAttributionSource
{
    /// <summary>Sums of the rows of the hours starting in [from, to).</summary>
    Task<AttributionData> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <summary>One journey per user id: touchpoints and conversions arrive from the partition aggregators.</summary>
public interface IJourneyGrain : IGrainWithStringKey
{
    public const string GrainType = "journey";

    /// <summary>Applies events of this user; ones already applied (same eventId) are skipped, so a retried call is harmless.</summary>
    Task TrackAsync(IReadOnlyList<TrackedEvent> events);
}
