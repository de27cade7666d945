using AdOrleans.Log;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Options;

namespace AdOrleans.Streaming.Kafka;

/// <summary>
/// On start: creates missing topics and refuses to run when a topic's partition count differs from
/// <c>Log:Partitions</c> (keys would land in other partitions than this process computes). When Kafka is not
/// reachable yet it only warns: a gateway must still start and answer 503 until Kafka is back.
/// </summary>
public sealed partial class KafkaTopicCheck(IPartitionedLog log, IOptions<KafkaOptions> options, IOptions<LogOptions> logOptions, ILogger<KafkaTopicCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = options.Value.BootstrapServers }).Build();
        Metadata metadata;
        try
        {
            metadata = admin.GetMetadata(options.Value.RequestTimeout);
        }
        catch (KafkaException e)
        {
            Log.Unreachable(logger, e.Error.Reason);
            return;
        }

        var expected = logOptions.Value.Partitions;
        var existing = metadata.Topics.Where(t => !t.Error.IsError).ToDictionary(t => t.Topic, t => t.Partitions.Count);
        var missing = log.Topics.Where(t => !existing.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            try
            {
                await admin.CreateTopicsAsync(missing.Select(t => new TopicSpecification { Name = t, NumPartitions = expected, ReplicationFactor = -1 }));
                return;
            }
            catch (CreateTopicsException e)
            {
                Log.CreateFailed(logger, string.Join(",", missing), e.Message);
            }
        }

        var wrong = log.Topics.Where(t => existing.TryGetValue(t, out var n) && n != expected).Select(t => $"{t} has {existing[t]}").ToList();
        if (wrong.Count > 0)
        {
            throw new InvalidOperationException($"Kafka topics must have Log:Partitions = {expected} partitions: {string.Join(", ", wrong)}.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Kafka is not reachable at start ({Reason}); topics are not checked and appends answer 503 until it is")]
        public static partial void Unreachable(ILogger logger, string reason);

        [LoggerMessage(LogLevel.Error, "Could not create Kafka topics {Topics}: {Reason}")]
        public static partial void CreateFailed(ILogger logger, string topics, string reason);
    }
}
