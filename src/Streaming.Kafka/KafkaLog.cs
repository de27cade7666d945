using Confluent.Kafka;
using AdOrleans.Log;
using LogMessage = AdOrleans.Log.LogMessage;
using RuntimeTopicPartition = AdOrleans.Log.TopicPartition;

namespace AdOrleans.Streaming.Kafka;

/// <summary>
/// The distributed log on Kafka. Appends go to the partition <see cref="KeyPartitioner"/> computes (Kafka's own
/// murmur2), so every process and any Kafka client agree on a key's partition; an append completes only when the
/// brokers acknowledged every record (idempotent producer, acks=all). Readers share one manually assigned
/// consumer (no consumer group: Orleans' queue balancer decides which silo reads which partition).
/// </summary>
public sealed partial class KafkaLog : IPartitionedLog
{
    private readonly KafkaOptions _options;
    private readonly IReadOnlyDictionary<string, int> _topics;
    private readonly ILogger _logger;
    private readonly IProducer<string, byte[]> _producer;
    private readonly Lazy<KafkaReaderHub> _readers;
    private readonly Lazy<IConsumer<Ignore, Ignore>> _watermarks;
    private readonly Lazy<IAdminClient> _admin;

    public KafkaLog(KafkaOptions options, IReadOnlyDictionary<string, int> topics, ILogger<KafkaLog> logger)
    {
        _options = options;
        _topics = topics;
        _logger = logger;
        _producer = new ProducerBuilder<string, byte[]>(KafkaClientConfig.Producer(options))
            .SetErrorHandler((_, e) => Log.ClientError(logger, "producer", e.Code, e.Reason))
            .SetLogHandler((_, m) => Log.ClientLog(logger, "producer", m.Message))
            .Build();
        _readers = new Lazy<KafkaReaderHub>(() => new KafkaReaderHub(options, logger));
        _watermarks = new Lazy<IConsumer<Ignore, Ignore>>(() => new ConsumerBuilder<Ignore, Ignore>(KafkaClientConfig.Reader(options))
            .SetErrorHandler((_, e) => Log.ClientError(logger, "watermarks", e.Code, e.Reason))
            .SetLogHandler((_, m) => Log.ClientLog(logger, "watermarks", m.Message))
            .Build());
        _admin = new Lazy<IAdminClient>(() => new DependentAdminClientBuilder(_producer.Handle).Build());
    }

    public IReadOnlyList<string> Topics => [.. _topics.Keys];

    public int PartitionCount(string topic) =>
        _topics.TryGetValue(topic, out var count) ? count : throw new ArgumentException($"Unknown topic '{topic}'.", nameof(topic));

    public async ValueTask AppendAsync(string topic, IReadOnlyList<LogMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var partitions = PartitionCount(topic);
        if (!_topicsVerified)
        {
            try
            {
                await VerifyTopicsAsync(cancellationToken);
            }
            catch (KafkaTopicMismatchException e)
            {
                throw new LogUnavailableException(e.Message, e);
            }
        }

        var delivery = new KafkaDelivery(messages.Count);
        try
        {
            foreach (var message in messages)
            {
                var partition = new Confluent.Kafka.TopicPartition(topic, KeyPartitioner.Partition(message.Key, partitions));
                _producer.Produce(partition, new Message<string, byte[]> { Key = message.Key, Value = message.Value.ToArray() }, delivery.Report);
            }
        }
        catch (KafkaException e)
        {
            // Records produced before the failure may still be delivered; the client retries and the dedupe window absorbs it.
            throw new LogUnavailableException($"Kafka refused the append: {e.Error.Reason}", e);
        }

        Error? error;
        try
        {
            // message.timeout.ms bounds the reports; the extra second covers the report's own delivery.
            error = await delivery.Completion.WaitAsync(_options.DeliveryTimeout + TimeSpan.FromSeconds(1), cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new LogUnavailableException("Kafka did not acknowledge the append in time.", e);
        }

        if (error is not null)
        {
            throw new LogUnavailableException($"Kafka did not acknowledge the append: {error.Reason}");
        }
    }

    public async ValueTask<long> EndOffsetAsync(RuntimeTopicPartition partition, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(
                () => _watermarks.Value.QueryWatermarkOffsets(new Confluent.Kafka.TopicPartition(partition.Topic, partition.Partition), _options.RequestTimeout).High.Value,
                cancellationToken);
        }
        catch (KafkaException e)
        {
            throw new LogUnavailableException($"Kafka did not answer for {partition}: {e.Error.Reason}", e);
        }
    }

    public IPartitionReader OpenReader(RuntimeTopicPartition partition, long fromOffset) => _readers.Value.Open(partition, fromOffset);

    /// <summary>A consumer of its own for the scan: the shared reader hub holds one reader per partition, the stream receiver's.</summary>
    public Task ScanAsync(RuntimeTopicPartition partition, long fromOffset, long toOffset, Action<LogRecord> each, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<string, byte[]>(KafkaClientConfig.Reader(_options)).Build();
            consumer.Assign(new TopicPartitionOffset(partition.Topic, partition.Partition, fromOffset));
            var deadline = DateTime.UtcNow + timeout;
            var next = fromOffset;
            while (next <= toOffset)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { Message: { } message } result)
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new TimeoutException($"Kafka did not deliver {partition} up to offset {toOffset} within {timeout} (at {next}).");
                    }

                    continue;
                }

                next = result.Offset.Value + 1;
                if (result.Offset.Value <= toOffset)
                {
                    each(new LogRecord(partition.Topic, partition.Partition, result.Offset.Value, message.Key ?? "", message.Value ?? [], message.Timestamp.UtcDateTime));
                }
            }

            consumer.Close();
        }, cancellationToken);

    public async ValueTask<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await Task.Run(() => _admin.Value.GetMetadata(_options.RequestTimeout), cancellationToken);
            return metadata.Brokers.Count > 0 && _topicsVerified;
        }
        catch (KafkaException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _verifying.Dispose();
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }

        _producer.Flush(_options.DeliveryTimeout);
        _producer.Dispose();
        if (_readers.IsValueCreated)
        {
            _readers.Value.Dispose();
        }

        if (_watermarks.IsValueCreated)
        {
            _watermarks.Value.Close();
            _watermarks.Value.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    internal static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Kafka {Client}: {Code} {Reason}")]
        public static partial void ClientError(ILogger logger, string client, Confluent.Kafka.ErrorCode code, string reason);

        [LoggerMessage(LogLevel.Debug, "Kafka {Client}: {Message}")]
        public static partial void ClientLog(ILogger logger, string client, string message);
    }
}
