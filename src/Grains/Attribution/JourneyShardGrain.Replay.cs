using System.Text.Json;
using AdOrleans.Log;

namespace AdOrleans.Grains.Attribution;

/// <summary>
/// Activation: the journeys as of the last snapshot, then the events the shard applied after it, re-read from the
/// log (the records between the snapshot and the applied offsets). Their rows committed already, so the replay only
/// rebuilds the journeys; a repeat the receiver's eventId window had dropped is still skipped, its id being among the
/// user's items.
/// </summary>
public sealed partial class JourneyShardGrain
{
    /// <summary>How long a replay waits for the log to deliver a partition's records before the activation fails (and is retried).</summary>
    private static readonly TimeSpan ReplayTimeout = TimeSpan.FromSeconds(30);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var shard = this.GetPrimaryKeyString();
        var rows = await Task.Run(() => subStates.ReadAllAsync(IJourneyShardGrain.GrainType, shard, cancellationToken).AsTask(), cancellationToken);
        foreach (var (user, data) in rows)
        {
            var journey = JsonSerializer.Deserialize(data, JourneyJsonContext.Default.JourneyState) ?? new JourneyState();
            if (journey.Items.Count > 0)
            {
                journey.Items = journey.Items.ConvertAll(JourneyCodes.Pooled);
                _journeys[user] = journey;
            }
        }

        // Off the activation's thread (the log reads block); the state object is taken here, where Orleans allows it.
        var state = storage.State;
        var replayed = await Task.Run(() => ReplayAsync(shard, state, cancellationToken), cancellationToken);
        if (replayed > 0)
        {
            Log.Replayed(logger, shard, replayed, state.Applied.Count);
        }

        var interval = TimeSpan.FromMilliseconds(options.Value.WriteIntervalMs);
        this.RegisterGrainTimer(WriteBehindAsync, new GrainTimerCreationOptions(interval, interval) { Interleave = true, KeepAlive = false });
    }

    public async Task<long> CatchUpAsync(int partition, long from, long through)
    {
        ThrowIfBroken();
        var shard = this.GetPrimaryKeyString();
        var shards = log.PartitionCount(Topics.Events);
        var found = new List<TrackedEvent>();
        await Task.Run(() => log.ScanAsync(new TopicPartition(Topics.Events, partition), from, through, record =>
        {
            if (OwnEvent(record, shard, shards) is { } e)
            {
                found.Add(e);
            }
        }, ReplayTimeout, CancellationToken.None));

        // Back on the grain's turn: what the lost activation had applied and this one has not (its eventIds are not among the items).
        var state = storage.State;
        state.Snapshot.TryAdd(partition, from - 1);
        state.Applied[partition] = Math.Max(state.Applied.GetValueOrDefault(partition, -1), through);
        _appliedGeneration++;
        var applied = 0;
        foreach (var e in found)
        {
            if (TryApply(e.UserId!, e) && _journeys[e.UserId!].TakeDelta() is { } delta)
            {
                _rows.Add(delta);
                applied++;
            }
        }

        Log.CaughtUp(logger, shard, applied, partition, from, through);
        await WrittenAsync(_appliedGeneration);
        return _incarnation;
    }

    private async Task<long> ReplayAsync(string shard, JourneyShardState state, CancellationToken cancellationToken)
    {
        var shards = log.PartitionCount(Topics.Events);
        var replayed = 0L;
        foreach (var (partition, applied) in state.Applied)
        {
            var from = state.Snapshot.GetValueOrDefault(partition, -1) + 1;
            if (from > applied)
            {
                continue;
            }

            // A scan of its own: the process's partition reader belongs to the stream receiver.
            var first = -1L;
            await log.ScanAsync(new TopicPartition(Topics.Events, partition), from, applied, record =>
            {
                first = first < 0 ? record.Offset : first;
                if (OwnEvent(record, shard, shards) is { UserId: { } user } e && TryApply(user, e))
                {
                    _journeys[user].TakeDelta();
                    replayed++;
                }
            }, ReplayTimeout, cancellationToken);
            if (first > from)
            {
                Log.ReplayGap(logger, shard, partition, from, first - 1);
            }
        }

        return replayed;
    }

    /// <summary>
    /// The record's event when its user belongs to <paramref name="shard"/>; else null. A record the aggregators
    /// dead-lettered as unreadable never reached a journey: null, skipped here too.
    /// </summary>
    private static TrackedEvent? OwnEvent(LogRecord record, string shard, int shards) =>
        TrackedEventReader.TryRead(record.Value.Span) is { UserId: { } user } e && IJourneyShardGrain.KeyOf(user, shards) == shard ? e : null;
}
