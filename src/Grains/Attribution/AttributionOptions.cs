using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Grains.Attribution;

/// <summary>Settings of user journeys and attribution (section <c>Attribution</c>).</summary>
public sealed class AttributionOptions
{
    public const string SectionName = "Attribution";

    /// <summary>When false the partition aggregators do not forward events to journeys (no attribution rows).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Touchpoints older than this before a conversion get no credit; an open journey idle this long ends without one.</summary>
    [Range(1, 365)]
    public int LookbackDays { get; set; } = 30;

    /// <summary>Half-life of the time-decay model: a touchpoint this much older than another gets half its weight.</summary>
    [Range(0.01, 365)]
    public double HalfLifeDays { get; set; } = 7;

    /// <summary>Touchpoints an open journey keeps (the oldest are dropped): bounds state and path length.</summary>
    [Range(1, 1000)]
    public int MaxTouchpoints { get; set; } = 50;

    /// <summary>Converted journeys a user's grain keeps open to late touchpoints; older ones are final.</summary>
    [Range(1, 1000)]
    public int MaxConversions { get; set; } = 10;

    /// <summary>
    /// Journeys per shard that keep their computed contributions between events (~450 B each, docs/memory.md); the
    /// others compute them again from their items on their next event. Bounds memory with many idle users.
    /// </summary>
    [Range(0, 10_000_000)]
    public int CachedContributionsPerShard { get; set; } = 5_000;

    /// <summary>
    /// How often a journey shard writes its changed journeys. Between snapshots it commits only credit and path rows
    /// and offsets; a new activation re-reads the events since the snapshot from the log, so this bounds that replay.
    /// </summary>
    [Range(1, 3600)]
    public int SnapshotSeconds { get; set; } = 30;

    /// <summary>
    /// How often a journey shard writes the events forwarded to it without waiting (credit and path rows, offsets).
    /// Until then the forwarding aggregator holds its partition's checkpoint, so a crash replays them. Larger saves
    /// writes per event under single-event traffic; it also delays credit rows by up to this much.
    /// </summary>
    [Range(10, 60_000)]
    public int WriteIntervalMs { get; set; } = 1_000;

    public TimeSpan Lookback => TimeSpan.FromDays(LookbackDays);

    public TimeSpan HalfLife => TimeSpan.FromDays(HalfLifeDays);
}
