using Confluent.Kafka;
using Confluent.Kafka.Admin;
using AdOrleans.Log;

namespace AdOrleans.Streaming.Kafka;

public sealed partial class KafkaLog
{
    private readonly SemaphoreSlim _verifying = new(1, 1);
    private volatile bool _topicsVerified;

    /// <summary>Whether every topic was seen with its configured partition count; until then nothing is appended or read.</summary>
    public bool TopicsVerified => _topicsVerified;

    /// <summary>
    /// Creates missing topics and checks that every topic has the partition count this process computes keys with.
    /// Throws <see cref="LogUnavailableException"/> while Kafka cannot be reached (try again later) and
    /// <see cref="KafkaTopicMismatchException"/> when a topic has another partition count (a configuration error: a
    /// record appended now would land in another partition than readers expect). Checked once per process.
    /// </summary>
    public async ValueTask VerifyTopicsAsync(CancellationToken cancellationToken)
    {
        if (_topicsVerified)
        {
            return;
        }

        await _verifying.WaitAsync(cancellationToken);
        try
        {
            if (!_topicsVerified)
            {
                await VerifyOnceAsync(cancellationToken);
                _topicsVerified = true;
            }
        }
        finally
        {
            _verifying.Release();
        }
    }

    private async Task VerifyOnceAsync(CancellationToken cancellationToken)
    {
        var existing = await PartitionCountsAsync(cancellationToken);
        var missing = _topics.Keys.Where(t => !existing.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            try
            {
                await _admin.Value.CreateTopicsAsync(missing.Select(t => new TopicSpecification { Name = t, NumPartitions = _topics[t], ReplicationFactor = -1 }));
            }
            catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is Confluent.Kafka.ErrorCode.NoError or Confluent.Kafka.ErrorCode.TopicAlreadyExists))
            {
                // Another process created them first: their partition counts are checked below like any other.
            }
            catch (KafkaException e)
            {
                throw new LogUnavailableException($"Kafka did not create the topics {string.Join(", ", missing)}: {e.Error.Reason}", e);
            }

            existing = await PartitionCountsAsync(cancellationToken);
        }

        var wrong = _topics.Where(t => existing.TryGetValue(t.Key, out var n) && n != t.Value).Select(t => $"{t.Key} has {existing[t.Key]}").ToList();
        if (wrong.Count > 0)
        {
            throw new KafkaTopicMismatchException(
                $"Kafka topics must have Log:Partitions = {_topics.Values.First()} partitions, but {string.Join(", ", wrong)}. Set Log:Partitions to the topics' " +
                "count, or point Kafka:BootstrapServers at a cluster whose topics were created with this one (partitions of a topic with data cannot be changed safely).");
        }

        var absent = _topics.Keys.Where(t => !existing.ContainsKey(t)).ToList();
        if (absent.Count > 0)
        {
            throw new LogUnavailableException($"The Kafka topics {string.Join(", ", absent)} do not exist yet.");
        }
    }

    private async Task<Dictionary<string, int>> PartitionCountsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await Task.Run(() => _admin.Value.GetMetadata(_options.RequestTimeout), cancellationToken);
            return metadata.Topics.Where(t => !t.Error.IsError).ToDictionary(t => t.Topic, t => t.Partitions.Count);
        }
        catch (KafkaException e)
        {
            throw new LogUnavailableException($"Kafka is not reachable ({e.Error.Reason}); its topics are checked once it is.", e);
        }
    }
}

/// <summary>A topic's partition count differs from <c>Log:Partitions</c>: the service must not run on it.</summary>
public sealed class KafkaTopicMismatchException(string message) : InvalidOperationException(message);
