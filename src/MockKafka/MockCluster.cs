using System.Runtime.InteropServices;
using System.Text;

namespace AdOrleans.MockKafka;

/// <summary>
/// librdkafka's in-process mock Kafka cluster: real Kafka protocol on local TCP ports (produce, fetch,
/// consumer groups), with broker fault injection. It lives inside a plain producer handle that must stay
/// alive as long as the cluster. Topics are created through the mock API, because the mock's admin
/// CreateTopics does not work; the mock has no topic configs, so "compacted" topics are plain here.
/// </summary>
public sealed class MockCluster : IDisposable
{
    private readonly nint _handle;
    private readonly nint _cluster;
    private int _disposed;

    private MockCluster(nint handle, nint cluster, int brokers)
    {
        _handle = handle;
        _cluster = cluster;
        Brokers = brokers;
        BootstrapServers = Marshal.PtrToStringUTF8(Native.MockClusterBootstraps(cluster))
            ?? throw new InvalidOperationException("the mock cluster has no bootstrap address");
    }

    /// <summary>Comma-separated host:port list to give Kafka clients.</summary>
    public string BootstrapServers { get; }

    /// <summary>Broker ids are 1..<see cref="Brokers"/>.</summary>
    public int Brokers { get; }

    public static MockCluster Start(int brokers, IReadOnlyDictionary<string, int> topics)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        var error = new byte[512];
        var conf = Native.ConfNew();
        // The host handle itself never connects anywhere; it only owns the mock cluster's threads.
        Native.ConfSet(conf, "bootstrap.servers", "127.0.0.1:1", error);
        Native.ConfSet(conf, "log_level", "0", error);
        var handle = Native.New(Native.ProducerType, conf, error);
        if (handle == 0)
        {
            throw new InvalidOperationException("rd_kafka_new failed: " + Text(error));
        }

        var cluster = Native.MockClusterNew(handle, brokers);
        if (cluster == 0)
        {
            Native.Destroy(handle);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed");
        }

        var mock = new MockCluster(handle, cluster, brokers);
        foreach (var (topic, partitions) in topics)
        {
            mock.CreateTopic(topic, partitions, Math.Min(brokers, 3));
        }

        return mock;
    }

    public void CreateTopic(string topic, int partitions, int replicationFactor) =>
        Check(Native.MockTopicCreate(_cluster, topic, partitions, replicationFactor), $"create topic {topic}");

    /// <summary>The broker stops answering: its connections close and new ones are refused until <see cref="SetBrokerUp"/>.</summary>
    public void SetBrokerDown(int brokerId) => Check(Native.MockBrokerSetDown(_cluster, brokerId), $"take broker {brokerId} down");

    public void SetBrokerUp(int brokerId) => Check(Native.MockBrokerSetUp(_cluster, brokerId), $"bring broker {brokerId} up");

    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(Native.MockPartitionSetLeader(_cluster, topic, partition, brokerId), $"move {topic}[{partition}] to broker {brokerId}");

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"Could not {what}: {Marshal.PtrToStringUTF8(Native.ErrorText(error))}");
        }
    }

    private static string Text(byte[] error) => Encoding.UTF8.GetString(error, 0, Math.Max(0, Array.IndexOf(error, (byte)0)));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Native.MockClusterDestroy(_cluster);
            Native.Destroy(_handle);
        }
    }
}
