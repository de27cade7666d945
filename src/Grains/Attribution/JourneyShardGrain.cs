using System.Text.Json;
using Microsoft.Extensions.Options;
using AdOrleans.Log;

namespace AdOrleans.Grains.Attribution;

/// <summary>
/// The journeys of one shard of users, held in memory. Every partition aggregator calls it with its new events before
/// it commits its own delivery, and again if that delivery is retried or replayed: the offsets applied per partition,
/// stored with the shard, make the repeat a no-op, so each event's credit and path rows commit once. Calls interleave
/// and share writes: each applies its events at once (a turn without awaits), then waits until a write that started
/// after it has committed. A write carries the summed rows and the offsets; every <see cref="AttributionOptions.SnapshotSeconds"/>
/// (and on deactivation) it also carries the changed journeys, so a journey is rewritten per snapshot, not per event.
/// A new activation replays the log between the snapshot and the applied offsets (<c>JourneyShardGrain.Replay.cs</c>).
/// A write that fails leaves memory ahead of storage, so the activation refuses further calls and deactivates.
/// </summary>
[GrainType(IJourneyShardGrain.GrainType)]
public sealed partial class JourneyShardGrain(
    [PersistentState("state", StorageProviders.PerEvent)] IPersistentState<JourneyShardState> storage,
    ISubStateReader subStates,
    IPartitionedLog log,
    IOptions<AttributionOptions> options,
    ILogger<JourneyShardGrain> logger)
    : Grain, IJourneyShardGrain
{
    private readonly Dictionary<string, JourneyState> _journeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private readonly AttributionDeltaSum _rows = new();
    private readonly ContributionCache _contributions = new(options.Value.CachedContributionsPerShard);
    private long _appliedGeneration;
    private long _writtenGeneration;
    private long _lastSnapshot = Environment.TickCount64;
    private Task? _writing;
    private Exception? _broken;

    public async Task TrackAsync(IReadOnlyList<JourneyEvent> events)
    {
        if (_broken is { } broken)
        {
            throw new InvalidOperationException("This journey shard's last write failed; it is deactivating so that a retry reads what committed.", broken);
        }

        var state = storage.State;
        foreach (var (partition, offset, e) in events)
        {
            if (state.Applied.TryGetValue(partition, out var last) && offset <= last)
            {
                continue;
            }

            // A partition's first event: the stored journeys include nothing of it, and nothing before it was ever sent.
            state.Snapshot.TryAdd(partition, offset - 1);
            state.Applied[partition] = offset;
            _appliedGeneration++;
            if (e.UserId is { } user && TryApply(user, e) && _journeys[user].TakeDelta() is { } delta)
            {
                _rows.Add(delta);
            }
        }

        var generation = _appliedGeneration;
        while (_writtenGeneration < generation)
        {
            if (_writing is null || _writing.IsCompleted)
            {
                _writing = WriteAsync(snapshot: Environment.TickCount64 - _lastSnapshot >= options.Value.SnapshotSeconds * 1000L);
            }

            await _writing;
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_writing is { IsCompleted: false } inFlight)
        {
            // A deactivation that timed out waiting for requests: never two writes of this state at once.
            try
            {
                await inFlight;
            }
            catch (Exception) when (_broken is not null)
            {
                return;
            }
        }

        if (_broken is null && _changed.Count > 0)
        {
            await WriteAsync(snapshot: true);
        }
    }

    private async Task WriteAsync(bool snapshot)
    {
        var generation = _appliedGeneration;
        var state = storage.State;
        if (snapshot)
        {
            AddSnapshotRows();
        }

        if (_rows.Take() is { } delta)
        {
            state.PendingRows.Add(delta);
        }

        try
        {
            await storage.WriteStateAsync();
            _writtenGeneration = generation;
        }
        catch (Exception e)
        {
            _broken = e;
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>The changed journeys as keyed rows; the snapshot offsets move to what they now include.</summary>
    private void AddSnapshotRows()
    {
        var state = storage.State;
        var shard = this.GetPrimaryKeyString();
        foreach (var user in _changed)
        {
            var journey = _journeys[user];
            state.PendingRows.Add(new SubStateRow(IJourneyShardGrain.GrainType, shard, user,
                JsonSerializer.SerializeToUtf8Bytes(journey, JourneyJsonContext.Default.JourneyState)));
            if (journey.Items.Count == 0)
            {
                // Its row now records an empty journey; memory keeps only users with something to attribute.
                _journeys.Remove(user);
            }
        }

        _changed.Clear();
        foreach (var (partition, offset) in state.Applied)
        {
            state.Snapshot[partition] = offset;
        }

        _lastSnapshot = Environment.TickCount64;
    }

    /// <summary>
    /// Applies one event to its user's journey; false when it was a repeat or could not be applied. An event that
    /// cannot be applied is logged and skipped with the journey as it was: thrown on, it would fail the aggregator's
    /// delivery, and so hold up a whole partition's KPIs, until the stream gave up.
    /// </summary>
    private bool TryApply(string user, TrackedEvent e)
    {
        if (!_journeys.TryGetValue(user, out var journey))
        {
            _journeys[user] = journey = new JourneyState();
        }

        try
        {
            if (!JourneyTimeline.Apply(journey, e, options.Value))
            {
                return false;
            }
        }
        catch (Exception failure) when (failure is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            Log.Skipped(logger, failure, user, e.EventId);
            return false;
        }

        _changed.Add(user);
        _contributions.Cached(journey);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Error, "Journey of {User} could not apply event {EventId}; skipped")]
        public static partial void Skipped(ILogger logger, Exception e, string user, string eventId);

        [LoggerMessage(LogLevel.Information, "Journey shard {Shard} replayed {Events} events of {Partitions} partitions since its snapshot")]
        public static partial void Replayed(ILogger logger, string shard, long events, int partitions);

        [LoggerMessage(LogLevel.Warning, "Journey shard {Shard}: partition {Partition} no longer holds offsets {From}..{To}; journeys miss those events")]
        public static partial void ReplayGap(ILogger logger, string shard, int partition, long from, long to);
    }
}
