namespace AdOrleans.Streaming;

/// <summary>
/// One Orleans queue per partition of each streamed topic. A stream's queue follows the log's own rule (murmur2 of
/// the log key, as Kafka's producer), so the queue that carries a stream is the partition its records are on.
/// Queues get evenly spread ring hashes, so the consistent-ring balancer splits them evenly over silos. Each stream
/// provider maps only its own topics' queues, with the hashes they have among all streamed topics: a queue has the same
/// owner whichever provider reads it, and the mapper of all topics gives every silo's whole share.
/// </summary>
public sealed class LogQueueMapper : IConsistentRingStreamQueueMapper
{
    private readonly QueueId[] _all;
    private readonly QueueId[] _served;
    private readonly IReadOnlyCollection<string> _topics;
    private readonly Dictionary<QueueId, TopicPartition> _partitions = [];
    private readonly int _partitionCount;

    /// <param name="partitionCount">Partitions of each streamed topic.</param>
    /// <param name="topics">The topics whose queues this mapper serves; all streamed topics when null.</param>
    public LogQueueMapper(int partitionCount, IReadOnlyCollection<string>? topics = null)
    {
        _partitionCount = partitionCount;
        var streamed = LogRouting.StreamedTopics;
        _topics = topics ?? streamed;
        var total = (uint)(streamed.Count * partitionCount);
        _all = new QueueId[total];
        for (var t = 0; t < streamed.Count; t++)
        {
            for (var p = 0; p < partitionCount; p++)
            {
                var index = (uint)(t * partitionCount + p);
                var queue = QueueId.GetQueueId(streamed[t], (uint)p, (uint)(uint.MaxValue / total * index));
                _all[index] = queue;
                _partitions[queue] = new TopicPartition(streamed[t], p);
            }
        }

        _served = [.. _all.Where(q => _topics.Contains(_partitions[q].Topic))];
    }

    public IEnumerable<QueueId> GetAllQueues() => _served;

    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range) => _served.Where(q => range.InRange(q.GetUniformHashCode()));

    public QueueId GetQueueForStream(StreamId streamId)
    {
        var partition = StreamLogKeys.Of(streamId, _partitionCount);
        return _topics.Contains(partition.Topic)
            ? _all[LogRouting.StreamedTopics.ToList().IndexOf(partition.Topic) * _partitionCount + partition.Partition]
            : throw new InvalidOperationException($"Stream {streamId} is on topic {partition.Topic}, which this stream provider does not read.");
    }

    public TopicPartition PartitionOf(QueueId queue) => _partitions[queue];
}
