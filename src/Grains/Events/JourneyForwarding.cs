using AdOrleans.Grains.Attribution;

namespace AdOrleans.Grains.Events;

/// <summary>
/// One partition aggregator's forwarding to the journey shards (docs/attribution.md). While the partition is read on
/// this silo, shards apply forwarded events without writing them, and this holds the partition's checkpoint at the
/// first such event until a flush (every <see cref="AttributionOptions.WriteIntervalMs"/>) has every shard confirm its
/// write: a crash in between replays those records, and the aggregator forwards replays again (the shards skip what
/// they hold). A shard that answers with another incarnation than the one that took the events lost what it had not
/// written; the flush has it catch up on the held range from the log. While the partition is read by another silo
/// (a rebalance in progress) there is no checkpoint to hold here, so every call waits for the shard's write.
/// </summary>
internal sealed class JourneyForwarding(int partition, CheckpointHolds holds, TimeSpan flushEvery)
{
    private readonly UserShardBatches _batches = new();

    /// <summary>
    /// The shards' references, made once: Orleans' GetGrain resolves the interface's grain type by reflection on every
    /// call (4.7 % of the bytes allocated under single events). The shards are as many as the partitions.
    /// </summary>
    private readonly Dictionary<string, IJourneyShardGrain> _shards = new(StringComparer.Ordinal);

    /// <summary>Shards that took events without writing since the last flush: the incarnation that took the first, and whether a later call met another.</summary>
    private readonly Dictionary<string, (long Incarnation, bool Lost)> _unflushed = new(StringComparer.Ordinal);

    /// <summary>The lowest offset forwarded without a write since the last flush (the hold); -1 when none.</summary>
    private long _heldFrom = -1;

    private long _sentThrough = -1;
    private long _lastFlush = Environment.TickCount64;

    public bool FlushDue => _unflushed.Count > 0 && Environment.TickCount64 - _lastFlush >= (long)flushEvery.TotalMilliseconds;

    public void Add(int shard, JourneyEvent e) => _batches.Add(shard, e);

    /// <summary>Sends the events added since the last send (kept until every shard took them), then flushes when one is due.</summary>
    public async Task SendAsync(IGrainFactory grains)
    {
        var durable = !holds.IsReadHere(partition);
        await _batches.SendAsync(async (key, events) =>
        {
            if (!durable)
            {
                HoldFrom(events.Min(e => e.Offset));
            }

            var incarnation = await Shard(grains, key).TrackAsync(events, durable);
            if (!durable)
            {
                Took(key, incarnation, events.Max(e => e.Offset));
            }
        });

        if (FlushDue)
        {
            await FlushAsync(grains);
        }
    }

    /// <summary>Completes once every shard wrote what it took (catching up where an activation was lost), then releases the hold.</summary>
    public async Task FlushAsync(IGrainFactory grains)
    {
        if (_unflushed.Count > 0)
        {
            var (from, through) = (_heldFrom, _sentThrough);
            await Task.WhenAll(_unflushed.Select(async taken =>
            {
                var shard = Shard(grains, taken.Key);
                var incarnation = await shard.FlushAsync();
                if (taken.Value.Lost || incarnation != taken.Value.Incarnation)
                {
                    await shard.CatchUpAsync(partition, from, through);
                }
            }));
            _unflushed.Clear();
            (_heldFrom, _sentThrough) = (-1, -1);
            holds.Release(partition, CheckpointHolder.Journeys);
        }

        _lastFlush = Environment.TickCount64;
    }

    private IJourneyShardGrain Shard(IGrainFactory grains, string key)
    {
        if (!_shards.TryGetValue(key, out var shard))
        {
            _shards[key] = shard = grains.GetGrain<IJourneyShardGrain>(key);
        }

        return shard;
    }

    private void HoldFrom(long offset)
    {
        if (_heldFrom < 0 || offset < _heldFrom)
        {
            _heldFrom = offset;
            holds.Hold(partition, CheckpointHolder.Journeys, offset);
        }
    }

    private void Took(string shard, long incarnation, long through)
    {
        _sentThrough = Math.Max(_sentThrough, through);
        _unflushed[shard] = _unflushed.TryGetValue(shard, out var first)
            ? (first.Incarnation, first.Lost || first.Incarnation != incarnation)
            : (incarnation, false);
    }
}
