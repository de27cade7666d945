using AdOrleans.Grains.Attribution;
using AdOrleans.Log;

namespace AdOrleans.Grains.Events;

/// <summary>Forwarding to the journey shards (<see cref="JourneyForwarding"/>, docs/attribution.md).</summary>
public sealed partial class EventAggregatorGrain
{
    /// <summary>New events with a userId by journey shard, forwarded before the delivery commits; their checkpoint held until the shards wrote them.</summary>
    private JourneyForwarding? _journeyForwarding;

    private JourneyForwarding Journeys => _journeyForwarding ??=
        new(EventAggregators.PartitionOf(GrainKey), holds, TimeSpan.FromMilliseconds(attribution.Value.WriteIntervalMs));

    /// <summary>
    /// A replay after a crash goes to the journeys again: they may have lost events they had taken without writing
    /// (<see cref="JourneyForwarding"/>), and skip the offsets they hold.
    /// </summary>
    protected override bool Replayed(LogEntry entry)
    {
        if (!attribution.Value.Enabled || entry.Event is not { UserId: { } user } tracked)
        {
            return false;
        }

        Journeys.Add(KeyPartitioner.Partition(user, log.PartitionCount(Topics.Events)), new JourneyEvent(entry.Partition, entry.Offset, tracked));
        return true;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await Journeys.FlushAsync(GrainFactory);
        }
        catch (Exception e)
        {
            // The hold stays with the receiver: a restart replays the records and forwards them again.
            LogJourneys.FlushFailed(Logger, e, GrainKey);
        }
    }

    /// <summary>A flush when traffic stops, so that the checkpoint moves on without a next delivery.</summary>
    private void RegisterJourneyFlush()
    {
        var every = TimeSpan.FromMilliseconds(attribution.Value.WriteIntervalMs);
        this.RegisterGrainTimer(async _ =>
        {
            if (Journeys.FlushDue)
            {
                await Journeys.FlushAsync(GrainFactory);
            }
        }, new GrainTimerCreationOptions(every, every) { KeepAlive = false });
    }

    private static partial class LogJourneys
    {
        [LoggerMessage(LogLevel.Warning, "Aggregator {Aggregator} could not flush the journeys on deactivation; a restart replays what they had not written")]
        public static partial void FlushFailed(ILogger logger, Exception e, string aggregator);
    }
}
