using System.Runtime.InteropServices;
using System.Text;

namespace AdOrleans.MockKafka;

/// <summary>
/// The few librdkafka functions the mock cluster needs, taken from the copy Confluent.Kafka loaded
/// (<see cref="LoadedLibrdkafka"/>): a <c>[LibraryImport]</c> would name one build, and on Debian the redist's
/// default build does not load.
/// </summary>
internal static unsafe class Native
{
    public const int ProducerType = 0;

    private static readonly delegate* unmanaged<nint> RdKafkaConfNew = (delegate* unmanaged<nint>)Export("rd_kafka_conf_new");
    private static readonly delegate* unmanaged<nint, byte*, byte*, byte*, nuint, int> RdKafkaConfSet = (delegate* unmanaged<nint, byte*, byte*, byte*, nuint, int>)Export("rd_kafka_conf_set");
    private static readonly delegate* unmanaged<int, nint, byte*, nuint, nint> RdKafkaNew = (delegate* unmanaged<int, nint, byte*, nuint, nint>)Export("rd_kafka_new");
    private static readonly delegate* unmanaged<nint, void> RdKafkaDestroy = (delegate* unmanaged<nint, void>)Export("rd_kafka_destroy");
    private static readonly delegate* unmanaged<nint, int, nint> RdKafkaMockClusterNew = (delegate* unmanaged<nint, int, nint>)Export("rd_kafka_mock_cluster_new");
    private static readonly delegate* unmanaged<nint, void> RdKafkaMockClusterDestroy = (delegate* unmanaged<nint, void>)Export("rd_kafka_mock_cluster_destroy");
    private static readonly delegate* unmanaged<nint, nint> RdKafkaMockClusterBootstraps = (delegate* unmanaged<nint, nint>)Export("rd_kafka_mock_cluster_bootstraps");
    private static readonly delegate* unmanaged<nint, byte*, int, int, int> RdKafkaMockTopicCreate = (delegate* unmanaged<nint, byte*, int, int, int>)Export("rd_kafka_mock_topic_create");
    private static readonly delegate* unmanaged<nint, int, int> RdKafkaMockBrokerSetDown = (delegate* unmanaged<nint, int, int>)Export("rd_kafka_mock_broker_set_down");
    private static readonly delegate* unmanaged<nint, int, int> RdKafkaMockBrokerSetUp = (delegate* unmanaged<nint, int, int>)Export("rd_kafka_mock_broker_set_up");
    private static readonly delegate* unmanaged<nint, byte*, int, int, int> RdKafkaMockPartitionSetLeader = (delegate* unmanaged<nint, byte*, int, int, int>)Export("rd_kafka_mock_partition_set_leader");
    private static readonly delegate* unmanaged<int, nint> RdKafkaErr2Str = (delegate* unmanaged<int, nint>)Export("rd_kafka_err2str");

    public static nint ConfNew() => RdKafkaConfNew();

    public static int ConfSet(nint conf, string name, string value, byte[] errstr)
    {
        fixed (byte* n = Utf8(name), v = Utf8(value), e = errstr)
        {
            return RdKafkaConfSet(conf, n, v, e, (nuint)errstr.Length);
        }
    }

    public static nint New(int type, nint conf, byte[] errstr)
    {
        fixed (byte* e = errstr)
        {
            return RdKafkaNew(type, conf, e, (nuint)errstr.Length);
        }
    }

    public static void Destroy(nint rk) => RdKafkaDestroy(rk);

    public static nint MockClusterNew(nint rk, int brokerCount) => RdKafkaMockClusterNew(rk, brokerCount);

    public static void MockClusterDestroy(nint cluster) => RdKafkaMockClusterDestroy(cluster);

    public static nint MockClusterBootstraps(nint cluster) => RdKafkaMockClusterBootstraps(cluster);

    public static int MockTopicCreate(nint cluster, string topic, int partitionCount, int replicationFactor)
    {
        fixed (byte* t = Utf8(topic))
        {
            return RdKafkaMockTopicCreate(cluster, t, partitionCount, replicationFactor);
        }
    }

    public static int MockBrokerSetDown(nint cluster, int brokerId) => RdKafkaMockBrokerSetDown(cluster, brokerId);

    public static int MockBrokerSetUp(nint cluster, int brokerId) => RdKafkaMockBrokerSetUp(cluster, brokerId);

    public static int MockPartitionSetLeader(nint cluster, string topic, int partition, int brokerId)
    {
        fixed (byte* t = Utf8(topic))
        {
            return RdKafkaMockPartitionSetLeader(cluster, t, partition, brokerId);
        }
    }

    public static nint ErrorText(int error) => RdKafkaErr2Str(error);

    private static nint Export(string name) => NativeLibrary.GetExport(LoadedLibrdkafka.Handle, name);

    /// <summary>NUL-terminated, as C strings are.</summary>
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + "\0");
}
