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
