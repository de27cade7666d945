using Orleans.Providers.Streams.Common;

namespace AdOrleans.Streaming;

/// <summary>
/// Called by the pulling agent when a delivery kept failing for <see cref="LogStreamOptions.MaxDeliveryTime"/>.
/// Orleans then moves the stream on, so the records must not vanish: this writes a dead letter (stream, partition,
/// offset) durably before it returns — retrying until the store takes it — and counts it. Operators see dead letters
/// on /metrics and the cluster page; replaying them is harmless (grains skip offsets they applied).
/// </summary>
internal sealed partial class DeadLetteringFailureHandler(
    LogQueueMapper mapper, GroupCommitter committer, LogStreamOptions options, ILogger logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public async Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        var partition = mapper.PartitionOf(mapper.GetQueueForStream(streamIdentity));
        var offset = sequenceToken?.SequenceNumber ?? -1;
        var letter = new DeadLetter(streamIdentity.ToString(), partition.Topic, partition.Partition, offset,
            $"delivery failed for {options.MaxDeliveryTime}", DateTimeOffset.UtcNow);
        Log.DeliveryFailed(logger, streamIdentity.ToString(), partition.Topic, partition.Partition, offset);
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await committer.WriteAsync(options.CheckpointGroup, [], [letter]);
                return;
            }
            catch (Exception e) when (e is not ObjectDisposedException)
            {
                Log.DeadLetterRetry(logger, e, delay);
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken) =>
        OnDeliveryFailure(subscriptionId, streamProviderName, streamIdentity, sequenceToken);

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Error, "Delivery to {Stream} kept failing from {Topic}[{Partition}]@{Offset}; dead-lettering it")]
        public static partial void DeliveryFailed(ILogger logger, string stream, string topic, int partition, long offset);

        [LoggerMessage(LogLevel.Warning, "Writing a dead letter failed; retrying in {Delay}")]
        public static partial void DeadLetterRetry(ILogger logger, Exception e, TimeSpan delay);
    }
}
