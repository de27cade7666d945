using Confluent.Kafka;

namespace AdOrleans.Streaming.Kafka;

/// <summary>The librdkafka settings of each client the log uses; the exactly-once ones are fixed here, not configurable.</summary>
internal static class KafkaClientConfig
{
    public static ProducerConfig Producer(KafkaOptions options) => Apply(new ProducerConfig
    {
        BootstrapServers = options.BootstrapServers,
        EnableIdempotence = true,
        Acks = Acks.All,
        MessageTimeoutMs = (int)options.DeliveryTimeout.TotalMilliseconds,
        LingerMs = options.Linger.TotalMilliseconds,
        QueueBufferingMaxMessages = 1_000_000,
        // The log chooses the partition itself (KeyPartitioner); this only matters if a record ever lacks one.
        Partitioner = Partitioner.Murmur2Random,
    }, options);

    /// <summary>Readers assign partitions by hand; the group id is required by the client but never used to commit.</summary>
    public static ConsumerConfig Reader(KafkaOptions options) => Apply(new ConsumerConfig
    {
        BootstrapServers = options.BootstrapServers,
        GroupId = "adorleans-reader-" + Guid.NewGuid().ToString("N"),
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        FetchWaitMaxMs = (int)options.FetchWait.TotalMilliseconds,
        EnablePartitionEof = false,
        // A fetch to a broker that went silent otherwise hangs for the 60 s default before the client reconnects.
        SocketTimeoutMs = 10_000,
    }, options);

    private static T Apply<T>(T config, KafkaOptions options)
        where T : ClientConfig
    {
        config.Set("log_level", "4");
        foreach (var (key, value) in options.Settings)
        {
            config.Set(key, value);
        }

        return config;
    }
}
