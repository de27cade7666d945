using System.Text.Json;
using Microsoft.Extensions.Options;
using AdOrleans.Log;

namespace AdOrleans.Grains.Attribution;

/// <summary>
/// The journeys of one shard of users, held in memory. Every partition aggregator calls it with its new events, and
/// again if that delivery is retried or replayed: the offsets applied per partition, stored with the shard, make the
/// repeat a no-op, so each event's credit and path rows commit once. A call applies its events at once (a turn
/// without awaits) and, unless it asks to be durable, returns: a write-behind every
/// <see cref="AttributionOptions.WriteIntervalMs"/> commits them, and the aggregator holds its partition's checkpoint
/// until a <see cref="FlushAsync"/> confirmed them (docs/attribution.md). A write carries the summed rows and the
/// offsets; every <see cref="AttributionOptions.SnapshotSeconds"/> (and on deactivation) it also carries the changed
/// journeys, so a journey is rewritten per snapshot, not per event. A new activation replays the log between the
/// snapshot and the applied offsets (<c>JourneyShardGrain.Replay.cs</c>). A write that fails leaves memory ahead of
/// storage, so the activation refuses further calls and deactivates; its callers see a new incarnation and catch up.
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
    private readonly long _incarnation = Random.Shared.NextInt64(1, long.MaxValue);
    private long _appliedGeneration;
    private long _writtenGeneration;
    private long _lastSnapshot = Environment.TickCount64;
    private Task? _writing;
    private Exception? _broken;

    public async Task<long> TrackAsync(IReadOnlyList<JourneyEvent> events, bool durable)
    {
        ThrowIfBroken();
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

        if (durable)
        {
            await WrittenAsync(_appliedGeneration);
        }

        return _incarnation;
    }

    public async Task<long> FlushAsync()
    {
        ThrowIfBroken();
        await WrittenAsync(_appliedGeneration);
        return _incarnation;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            // A silo stopping without grace: what is not written is replayed (the aggregators' hold) or caught up.
            return;
        }

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

        if (_broken is null && (_changed.Count > 0 || _writtenGeneration < _appliedGeneration))
        {
            await WriteAsync(snapshot: true);
        }
    }

    private void ThrowIfBroken()
    {
        if (_broken is { } broken)
        {
            throw new InvalidOperationException("This journey shard's last write failed; it is deactivating so that a retry reads what committed.", broken);
        }
    }

    /// <summary>Waits until a write that started after <paramref name="generation"/> was applied has committed.</summary>
    private async Task WrittenAsync(long generation)
    {
        while (_writtenGeneration < generation)
        {
            if (_writing is null || _writing.IsCompleted)
            {
                _writing = WriteAsync(snapshot: Environment.TickCount64 - _lastSnapshot >= options.Value.SnapshotSeconds * 1000L);
            }

            await _writing;
        }
    }

    /// <summary>The write-behind: every <see cref="AttributionOptions.WriteIntervalMs"/>, whatever was applied since the last write.</summary>
    private async Task WriteBehindAsync(CancellationToken cancellationToken)
    {
        if (_broken is not null || _writtenGeneration >= _appliedGeneration)
        {
            return;
        }

        try
        {
            await WrittenAsync(_appliedGeneration);
        }
        catch (Exception e)
        {
            // The activation is deactivating (WriteAsync); the callers' next FlushAsync fails and they catch up from the log.
            Log.WriteBehindFailed(logger, e, this.GetPrimaryKeyString());
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
        [LoggerMessage(LogLevel.Error, "Journey shard {Shard}: a write-behind failed; the activation deactivates and its callers catch up from the log")]
        public static partial void WriteBehindFailed(ILogger logger, Exception e, string shard);

        [LoggerMessage(LogLevel.Warning, "Journey shard {Shard} caught up {Events} events of partition {Partition} ({From}..{To}) that a lost activation had not written")]
        public static partial void CaughtUp(ILogger logger, string shard, int events, int partition, long from, long to);

        [LoggerMessage(LogLevel.Error, "Journey of {User} could not apply event {EventId}; skipped")]
        public static partial void Skipped(ILogger logger, Exception e, string user, string eventId);

        [LoggerMessage(LogLevel.Information, "Journey shard {Shard} replayed {Events} events of {Partitions} partitions since its snapshot")]
        public static partial void Replayed(ILogger logger, string shard, long events, int partitions);

        [LoggerMessage(LogLevel.Warning, "Journey shard {Shard}: partition {Partition} no longer holds offsets {From}..{To}; journeys miss those events")]
        public static partial void ReplayGap(ILogger logger, string shard, int partition, long from, long to);
    }
}
