using Microsoft.Extensions.Options;

namespace AdOrleans.Grains.Attribution;

/// <summary>
/// One user's journey. The partition aggregators call it with the user's new events before they commit their own
/// delivery, and call again if that delivery is retried or replayed; the offsets applied per partition, stored with
/// the state, make the repeat a no-op, so each event takes effect once. Credit and path rows commit in the same
/// transaction as this state.
/// </summary>
[GrainType(IJourneyGrain.GrainType)]
public sealed partial class JourneyGrain(
    [PersistentState("state", StorageProviders.PerEvent)] IPersistentState<JourneyState> storage,
    IOptions<AttributionOptions> options,
    ILogger<JourneyGrain> logger)
    : Grain, IJourneyGrain
{
    public async Task TrackAsync(IReadOnlyList<JourneyEvent> events)
    {
        var changed = false;
        var applied = storage.State.Applied;
        foreach (var (partition, offset, e) in events)
        {
            if (applied.TryGetValue(partition, out var last) && offset <= last)
            {
                continue;
            }

            applied[partition] = offset;
            changed = true;
            TryApply(e);
        }

        if (!changed)
        {
            return;
        }

        try
        {
            await storage.WriteStateAsync();
        }
        catch
        {
            // The in-memory state is ahead of storage and remembers the eventIds: a fresh activation reads the stored
            // state, so the caller's retry applies them.
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// An event that cannot be applied is logged and skipped with the state as it was before it: thrown on, it would
    /// fail the aggregator's delivery, and so hold up a whole partition's KPIs, until the stream gave up.
    /// </summary>
    private void TryApply(TrackedEvent e)
    {
        var state = storage.State;
        var (items, ids, watermark, rows) = (state.Items.ToList(), state.RecentIds.ToList(), state.Watermark, state.PendingRows.Count);
        try
        {
            JourneyTimeline.Apply(state, e, options.Value);
        }
        catch (Exception failure) when (failure is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            (state.Items, state.RecentIds, state.Watermark) = (items, ids, watermark);
            state.PendingRows.RemoveRange(rows, state.PendingRows.Count - rows);
            Log.Skipped(logger, failure, this.GetPrimaryKeyString(), e.EventId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Error, "Journey {User} could not apply event {EventId}; skipped")]
        public static partial void Skipped(ILogger logger, Exception e, string user, string eventId);
    }
}
