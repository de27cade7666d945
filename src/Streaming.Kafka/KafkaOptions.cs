using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AdOrleans.Streaming.Kafka;

/// <summary>The Kafka log (set <c>Kafka:BootstrapServers</c> to use it). Topic partition counts come from <c>Log:Partitions</c>.</summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    /// <summary>Comma-separated host:port list of brokers.</summary>
    [Required]
    public string BootstrapServers { get; set; } = "";

    /// <summary>
    /// How long an append waits for the brokers' acknowledgement (librdkafka <c>message.timeout.ms</c>) before the
    /// gateway answers 503. Short, because a client holds its request open that long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Producer batching delay (<c>linger.ms</c>): throughput against append latency.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Longest a broker holds a fetch open when no data is there (<c>fetch.wait.max.ms</c>): bounds the idle end-to-end lag.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:05")]
    public TimeSpan FetchWait { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Timeout of metadata and watermark queries (readiness, lag).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Records buffered per partition before the reader pauses fetching it (back-pressure).</summary>
    [Range(100, 1_000_000)]
    public int ReaderBufferRecords { get; set; } = 20_000;

    /// <summary>Extra librdkafka properties for every client (e.g. <c>security.protocol</c>, <c>sasl.*</c>); applied last.</summary>
    public Dictionary<string, string> Settings { get; set; } = [];
}

/// <summary>Cross-field checks, all reported at once.</summary>
public sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        var failures = new List<string>();
        if (options.BootstrapServers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(s => !s.Contains(':')))
        {
            failures.Add("Kafka:BootstrapServers must be a comma-separated list of host:port.");
        }

        if (options.Settings.Keys.Any(k => k is "enable.idempotence" or "acks" or "partition.assignment.strategy" or "enable.auto.commit"))
        {
            failures.Add("Kafka:Settings may not override enable.idempotence, acks, partition.assignment.strategy or enable.auto.commit: exactly-once depends on them.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
