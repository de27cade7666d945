using Confluent.Kafka;
using AdOrleans.Runtime;

namespace AdOrleans.Silo.Kafka;

/// <summary>
/// This process's membership in the silos' consumer group: a subscribing consumer used only for placement.
/// Its rebalance callbacks run on its own poll thread and block until the handler is done, so a revoked
/// partition is committed before the group may hand it to another member. It fetches nothing it uses: its
/// partitions are paused right after each assignment and any record it returns is dropped.
/// </summary>
internal sealed partial class KafkaGroupMembership : IAsyncDisposable
{
    private readonly IConsumer<Ignore, Ignore> _consumer;
    private readonly IPartitionAssignmentHandler _handler;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IReadOnlyList<string> _topics;
    private bool _pauseNeeded;

    private KafkaGroupMembership(KafkaOptions options, string group, IReadOnlyList<string> topics, IPartitionAssignmentHandler handler, ILogger logger)
    {
        _handler = handler;
        _logger = logger;
        _topics = topics;
        _consumer = new ConsumerBuilder<Ignore, Ignore>(KafkaClientConfig.Group(options, group))
            .SetErrorHandler((_, e) => KafkaLog.Log.ClientError(logger, "group", e.Code, e.Reason))
            .SetLogHandler((_, m) => KafkaLog.Log.ClientLog(logger, "group", m.Message))
            .SetPartitionsAssignedHandler((_, assigned) => OnAssigned(assigned))
            .SetPartitionsRevokedHandler((_, revoked) => OnRevoked(revoked, lost: false))
            .SetPartitionsLostHandler((_, lost) => OnRevoked(lost, lost: true))
            .Build();
    }

    public static Task<IAsyncDisposable> JoinAsync(
        KafkaOptions options, string group, IReadOnlyList<string> topics, IPartitionAssignmentHandler handler, ILogger logger, CancellationToken cancellationToken)
    {
        var membership = new KafkaGroupMembership(options, group, topics, handler, logger);
        membership._consumer.Subscribe(topics);
        new Thread(membership.Poll) { IsBackground = true, Name = "kafka-group" }.Start();
        return Task.FromResult<IAsyncDisposable>(membership);
    }

    private void Poll()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    _consumer.Consume(TimeSpan.FromMilliseconds(100));
                }
                catch (ConsumeException e)
                {
                    KafkaLog.Log.ClientError(_logger, "group", e.Error.Code, e.Error.Reason);
                }

                if (_pauseNeeded)
                {
                    _pauseNeeded = false;
                    _consumer.Pause(_consumer.Assignment);
                }
            }

            // Close revokes every partition through the handler (state and offsets committed), then leaves the group.
            _consumer.Close();
            _consumer.Dispose();
            _stopped.TrySetResult();
        }
        catch (Exception e)
        {
            _stopped.TrySetException(e);
        }
    }

    private void OnAssigned(List<Confluent.Kafka.TopicPartition> assigned)
    {
        var partitions = Numbers(assigned);
        var incomplete = partitions.Where(p => assigned.Count(tp => tp.Partition.Value == p) != _topics.Count).ToList();
        if (incomplete.Count > 0)
        {
            Log.NotCoPartitioned(_logger, string.Join(",", incomplete));
        }

        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                _handler.OnAssignedAsync(partitions, _stop.Token).GetAwaiter().GetResult();
                break;
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                // E.g. the store is down while offsets load: release what started, then try the whole assignment again.
                Log.AssignFailed(_logger, e, delay);
                _handler.OnRevokedAsync(partitions, CancellationToken.None).GetAwaiter().GetResult();
                Thread.Sleep(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }

        _pauseNeeded = true;
    }

    private void OnRevoked(List<TopicPartitionOffset> revoked, bool lost)
    {
        if (lost)
        {
            // The group already gave these away (missed heartbeats); committing is still attempted and the store's
            // offset fence rejects it if the new owner has moved on.
            Log.Lost(_logger, revoked.Count);
        }

        _handler.OnRevokedAsync(Numbers(revoked.Select(r => r.TopicPartition)), CancellationToken.None).GetAwaiter().GetResult();
    }

    private static int[] Numbers(IEnumerable<Confluent.Kafka.TopicPartition> partitions) =>
        [.. partitions.Select(p => p.Partition.Value).Distinct().Order()];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _stopped.Task;
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Error, "The group assigned partitions {Partitions} of only some topics; check that every topic has Log:Partitions partitions")]
        public static partial void NotCoPartitioned(ILogger logger, string partitions);

        [LoggerMessage(LogLevel.Warning, "Taking over assigned partitions failed; retrying in {Delay}")]
        public static partial void AssignFailed(ILogger logger, Exception e, TimeSpan delay);

        [LoggerMessage(LogLevel.Warning, "Lost {Count} topic-partitions without a clean revoke (session timed out)")]
        public static partial void Lost(ILogger logger, int count);
    }
}
