using System.Collections.Concurrent;
using Confluent.Kafka;
using AdOrleans.Log;
using RuntimeTopicPartition = AdOrleans.Log.TopicPartition;

namespace AdOrleans.Streaming.Kafka;

/// <summary>
/// One manually assigned consumer for all readers of this process (a consumer per partition would cost
/// threads and connections per partition). Its poll thread routes each record into its partition's buffer
/// and pauses a partition whose buffer is full. Assign, unassign, pause and resume run on the poll thread
/// only, between polls, because the client's consumer is not safe to drive from several threads.
/// </summary>
internal sealed class KafkaReaderHub : IDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(20);

    private readonly IConsumer<string, byte[]> _consumer;
    private readonly KafkaOptions _options;
    private readonly ConcurrentQueue<Action> _commands = new();
    private readonly Dictionary<RuntimeTopicPartition, KafkaPartitionBuffer> _buffers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public KafkaReaderHub(KafkaOptions options, ILogger logger)
    {
        _options = options;
        _consumer = new ConsumerBuilder<string, byte[]>(KafkaClientConfig.Reader(options))
            .SetErrorHandler((_, e) => KafkaLog.Log.ClientError(logger, "reader", e.Code, e.Reason))
            .SetLogHandler((_, m) => KafkaLog.Log.ClientLog(logger, "reader", m.Message))
            .Build();
        _thread = new Thread(Poll) { IsBackground = true, Name = "kafka-readers" };
        _thread.Start();
    }

    public IPartitionReader Open(RuntimeTopicPartition partition, long fromOffset)
    {
        var buffer = new KafkaPartitionBuffer(partition, fromOffset, _options.ReaderBufferRecords, this);
        _commands.Enqueue(() =>
        {
            var tp = new Confluent.Kafka.TopicPartition(partition.Topic, partition.Partition);
            if (_buffers.Remove(partition))
            {
                _consumer.IncrementalUnassign([tp]);
            }

            _buffers[partition] = buffer;
            _consumer.IncrementalAssign([new TopicPartitionOffset(tp, fromOffset)]);
        });
        return buffer;
    }

    public void Close(KafkaPartitionBuffer buffer) => _commands.Enqueue(() =>
    {
        if (_buffers.TryGetValue(buffer.Partition, out var current) && current == buffer)
        {
            _buffers.Remove(buffer.Partition);
            _consumer.IncrementalUnassign([new Confluent.Kafka.TopicPartition(buffer.Partition.Topic, buffer.Partition.Partition)]);
        }
    });

    /// <summary>Called by a reader that drained its buffer below half: fetch that partition again.</summary>
    public void Resume(KafkaPartitionBuffer buffer) => _commands.Enqueue(() =>
    {
        if (_buffers.TryGetValue(buffer.Partition, out var current) && current == buffer && buffer.MarkResumed())
        {
            _consumer.Resume([new Confluent.Kafka.TopicPartition(buffer.Partition.Topic, buffer.Partition.Partition)]);
        }
    });

    private void Poll()
    {
        while (!_stop.IsCancellationRequested)
        {
            while (_commands.TryDequeue(out var command))
            {
                command();
            }

            ConsumeResult<string, byte[]>? result;
            try
            {
                result = _buffers.Count == 0 ? Idle() : _consumer.Consume(PollTimeout);
            }
            catch (ConsumeException)
            {
                // Broker errors are logged by the error handler; the client reconnects by itself.
                continue;
            }

            if (result?.Message is null || !_buffers.TryGetValue(new RuntimeTopicPartition(result.Topic, result.Partition.Value), out var buffer))
            {
                continue;
            }

            if (buffer.Add(result) && buffer.MarkPaused())
            {
                _consumer.Pause([result.TopicPartition]);
            }
        }
    }

    private ConsumeResult<string, byte[]>? Idle()
    {
        _stop.Token.WaitHandle.WaitOne(PollTimeout);
        return null;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _consumer.Close();
        _consumer.Dispose();
    }
}
