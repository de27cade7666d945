namespace AdOrleans.Streaming;

/// <summary>
/// One Orleans queue per partition of each streamed topic. A stream's queue follows the log's own rule (murmur2 of
/// the log key, as Kafka's producer), so the queue that carries a stream is the partition its records are on.
/// Queues get evenly spread ring hashes, so the consistent-ring balancer splits them evenly over silos.
/// </summary>
public sealed class LogQueueMapper : IConsistentRingStreamQueueMapper
{
    private readonly QueueId[] _queues;
    private readonly Dictionary<QueueId, TopicPartition> _partitions = [];
    private readonly int _partitionCount;

    public LogQueueMapper(int partitionCount)
    {
        _partitionCount = partitionCount;
        var topics = LogRouting.StreamedTopics;
        var total = (uint)(topics.Count * partitionCount);
        _queues = new QueueId[total];
        for (var t = 0; t < topics.Count; t++)
        {
            for (var p = 0; p < partitionCount; p++)
            {
                var index = (uint)(t * partitionCount + p);
                var queue = QueueId.GetQueueId(topics[t], (uint)p, (uint)(uint.MaxValue / total * index));
                _queues[index] = queue;
                _partitions[queue] = new TopicPartition(topics[t], p);
            }
        }
    }

    public IEnumerable<QueueId> GetAllQueues() => _queues;

    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range) => _queues.Where(q => range.InRange(q.GetUniformHashCode()));

    public QueueId GetQueueForStream(StreamId streamId)
    {
        var partition = StreamLogKeys.Of(streamId, _partitionCount);
        var topicIndex = LogRouting.StreamedTopics.ToList().IndexOf(partition.Topic);
        return _queues[topicIndex * _partitionCount + partition.Partition];
    }

    public TopicPartition PartitionOf(QueueId queue) => _partitions[queue];
}
