using Microsoft.Extensions.Options;

namespace AdOrleans.Grains.Attribution;

/// <summary>
/// One user's journey. The partition aggregators call it with the user's new events before they commit their own
/// delivery, and call again if that delivery is retried or replayed; remembered eventIds make the repeat a no-op,
/// so each event takes effect once. Credit and path rows commit in the same transaction as this state.
/// </summary>
[GrainType(IJourneyGrain.GrainType)]
public sealed class JourneyGrain(
    [PersistentState("state", StorageProviders.PerEvent)] IPersistentState<JourneyState> storage,
    IOptions<AttributionOptions> options)
    : Grain, IJourneyGrain
{
    public async Task TrackAsync(IReadOnlyList<TrackedEvent> events)
    {
        var changed = false;
        foreach (var e in events)
        {
            changed |= JourneyTimeline.Apply(storage.State, e, options.Value);
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
}
