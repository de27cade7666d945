namespace AdOrleans.Streaming;

/// <summary>
/// Reads the log for Orleans (one receiver per queue, i.e. per partition of each streamed topic). Producers append
/// to the log directly (durable before the client's 2xx), never through Orleans' stream API, so this adapter only
/// receives.
/// </summary>
internal sealed class LogQueueAdapter(string name, LogQueueMapper mapper, Func<TopicPartition, IQueueAdapterReceiver> receivers) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadOnly;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => receivers(mapper.PartitionOf(queueId));

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
        throw new NotSupportedException("Append to the log (IPartitionedLog) instead: its records reach grains through this provider.");
}
