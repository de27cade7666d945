namespace AdOrleans.Runtime;

/// <summary>A log held in memory: for unit tests of the runtime. Same ordering and offset rules as the durable logs.</summary>
public sealed class InMemoryLog(IReadOnlyDictionary<string, int> topics) : IPartitionedLog
{
    private readonly Dictionary<string, Partition[]> _topics = topics.ToDictionary(
        t => t.Key, t => Enumerable.Range(0, t.Value).Select(_ => new Partition()).ToArray());

    public IReadOnlyList<string> Topics => [.. _topics.Keys];

    public int PartitionCount(string topic) => Get(topic).Length;

    public ValueTask AppendAsync(string topic, IReadOnlyList<LogMessage> messages, CancellationToken cancellationToken)
    {
        var partitions = Get(topic);
        var now = DateTimeOffset.UtcNow;
        foreach (var message in messages)
        {
            var p = KeyPartitioner.Partition(message.Key, partitions.Length);
            var partition = partitions[p];
            lock (partition.Records)
            {
                partition.Records.Add(new LogRecord(topic, p, partition.Records.Count, message.Key, message.Value.ToArray(), now));
            }

            partition.Signal.Pulse();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<long> EndOffsetAsync(TopicPartition partition, CancellationToken cancellationToken)
    {
        var records = Get(partition.Topic)[partition.Partition].Records;
        lock (records)
        {
            return ValueTask.FromResult((long)records.Count);
        }
    }

    public IPartitionReader OpenReader(TopicPartition partition, long fromOffset) =>
        new Reader(Get(partition.Topic)[partition.Partition], fromOffset);

    public ValueTask<IAsyncDisposable> JoinGroupAsync(string group, IReadOnlyList<string> topics, IPartitionAssignmentHandler handler, CancellationToken cancellationToken) =>
        SingleMemberGroup.JoinAsync(this, topics, handler, cancellationToken);

    public ValueTask<bool> PingAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Partition[] Get(string topic) =>
        _topics.TryGetValue(topic, out var partitions) ? partitions : throw new ArgumentException($"Unknown topic '{topic}'.", nameof(topic));

    private sealed class Partition
    {
        public List<LogRecord> Records { get; } = [];

        public PartitionSignal Signal { get; } = new();
    }

    private sealed class Reader(Partition partition, long position) : IPartitionReader
    {
        public long Position { get; private set; } = position;

        public int Read(List<LogRecord> into, int max)
        {
            lock (partition.Records)
            {
                var n = (int)Math.Min(max, partition.Records.Count - Position);
                for (var i = 0; i < n; i++)
                {
                    into.Add(partition.Records[(int)Position + i]);
                }

                Position += n;
                return n;
            }
        }

        public ValueTask<bool> WaitForRecordsAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
            partition.Signal.WaitAsync(HasData, timeout, cancellationToken);

        private bool HasData()
        {
            lock (partition.Records)
            {
                return partition.Records.Count > Position;
            }
        }

        public void Dispose()
        {
        }
    }
}
