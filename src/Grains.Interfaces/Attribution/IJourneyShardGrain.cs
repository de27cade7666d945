using AdOrleans.Log;

namespace AdOrleans.Grains.Attribution;

/// <summary>
/// The journeys of the users whose id hashes to one shard (as many shards as the events topic has partitions). The
/// partition aggregators call it with their new events before they commit their own delivery, and call again if that
/// delivery is retried or replayed.
/// </summary>
public interface IJourneyShardGrain : IGrainWithStringKey
{
    public const string GrainType = "journey-shard";

    /// <summary>
    /// Applies events, in offset order per partition; ones at or below the highest offset applied from their partition
    /// (or whose eventId is still among the user's journey items) are skipped, so a retried or replayed call is
    /// harmless. With <paramref name="durable"/> it completes once the effect is written; without, at once, and the
    /// shard writes every <c>Attribution:WriteIntervalMs</c>: the caller then holds its partition's checkpoint until
    /// <see cref="FlushAsync"/>. Returns this activation's incarnation: a different one between two calls means an
    /// activation was lost with events it had not written (<see cref="CatchUpAsync"/>). Interleaves: calls arriving
    /// while a write is in flight apply in memory and share the next write.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<long> TrackAsync(IReadOnlyList<JourneyEvent> events, bool durable);

    /// <summary>Completes once every event applied so far is written; returns the incarnation that wrote them.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<long> FlushAsync();

    /// <summary>
    /// Re-reads <paramref name="partition"/>'s records in [<paramref name="from"/>, <paramref name="through"/>] from
    /// the log and applies this shard's users' events whose eventIds the journeys do not hold yet, then writes: the
    /// repair after an activation was lost with events it had acknowledged but not written. Returns the incarnation.
    /// </summary>
    Task<long> CatchUpAsync(int partition, long from, long through);

    /// <summary>The clustering features of every user this shard holds a journey for (<see cref="UserFeatures.Names"/>).</summary>
    Task<IReadOnlyList<UserFeatureRow>> FeaturesAsync(DateTimeOffset now);

    /// <summary>How many of this shard's users are nearest to each of <paramref name="model"/>'s centroids now.</summary>
    Task<int[]> CountNearestAsync(ClusterModel model, DateTimeOffset now);

    /// <summary>The segment of <paramref name="model"/> nearest to the user's features now; null when the shard holds no journey of the user.</summary>
    Task<string?> SegmentOfAsync(string userId, ClusterModel model, DateTimeOffset now);

    /// <summary>Forgets the user's journey and deletes its stored row (docs/privacy.md); returns 1 if it held one. Idempotent.</summary>
    Task<int> EraseUserAsync(string userId);

    /// <summary>The user's journey items as this shard holds them now.</summary>
    Task<IReadOnlyList<Privacy.UserTouchpoint>> ExportUserAsync(string userId);

    /// <summary>The shard of <paramref name="userId"/>: the log's key hashing over <paramref name="shards"/>.</summary>
    public static string KeyOf(string userId, int shards) =>
        KeyPartitioner.Partition(userId, shards).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
