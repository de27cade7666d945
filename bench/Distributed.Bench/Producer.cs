using AdOrleans.Streaming.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using LogMessage = AdOrleans.Log.LogMessage;

namespace AdOrleans.Distributed.Bench;

/// <summary>
/// Appends to the events topic as a gateway does (<see cref="KafkaLog.AppendAsync"/>: idempotent producer, acks=all,
/// complete once every record is acknowledged), in a client of its own, and keeps each partition's end offset: the
/// producer is the only writer, so a partition's records get the offsets in the order they were produced.
/// It compresses (<c>Kafka:Settings:compression.type</c>, lz4 unless DISTRIBUTED_BENCH_COMPRESSION says otherwise):
/// librdkafka's mock broker keeps at most 5 MiB of record batches per partition and drops the oldest beyond that, and
/// a reader whose position was dropped silently restarts at the oldest batch left (auto.offset.reset=earliest).
/// Uncompressed (~270 B per event) that is ~20,000 events per partition; with lz4 ~270,000, enough for the backlog.
/// </summary>
internal sealed class Producer : IAsyncDisposable
{
    private const int Batch = 1000;
    private const int InFlight = 8;

    private readonly KafkaLog _log;
    private readonly long[] _ends;

    public Producer(string bootstrapServers, int partitions, string compression)
    {
        var options = new KafkaOptions { BootstrapServers = bootstrapServers };
        options.Settings["compression.type"] = compression;
        _log = new KafkaLog(options, Topics.All.ToDictionary(t => t, _ => partitions), NullLogger<KafkaLog>.Instance);
        _ends = new long[partitions];
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    public int Partitions => _ends.Length;

    /// <summary>Each partition's end offset: the offset the next record appended to it will get.</summary>
    public long[] Ends
    {
        get
        {
            lock (_ends)
            {
                return [.. _ends];
            }
        }
    }

    /// <summary>Flat out: batches of 1,000 with up to 8 in flight, as the baseline's producer; returns how long until the last acknowledgement.</summary>
    public async Task<TimeSpan> AppendAsync(IReadOnlyList<LogMessage> messages, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var next = -1;
        var appenders = Enumerable.Range(0, InFlight).Select(_ => Task.Run(async () =>
        {
            int start;
            while ((start = Interlocked.Increment(ref next) * Batch) < messages.Count)
            {
                var batch = messages.Skip(start).Take(Batch).ToList();
                await _log.AppendAsync(Topics.Events, batch, cancellationToken);
                Count(batch);
            }
        }, cancellationToken));
        await Task.WhenAll(appenders);
        return clock.Elapsed;
    }

    /// <summary>
    /// Starts one append and returns, per partition, the end offset after its records (the partitions it did not touch
    /// unchanged), and the acknowledgement. Must be called from one caller at a time: the records are handed to the
    /// client before this returns (<see cref="KafkaLog.AppendAsync"/> produces synchronously, then waits), so calls
    /// give offsets in call order.
    /// </summary>
    public (long[] EndsAfter, int[] Counts, Task Acknowledged) Start(IReadOnlyList<LogMessage> batch, CancellationToken cancellationToken)
    {
        var counts = Count(batch);
        var endsAfter = Ends;
        return (endsAfter, counts, _log.AppendAsync(Topics.Events, batch, cancellationToken).AsTask());
    }

    /// <summary>
    /// Fails unless the broker still holds every record from <paramref name="positions"/> on (see the class comment): a
    /// reader would otherwise skip the dropped ones, and a drain would be timed over records it never read.
    /// </summary>
    public void EnsureRetained(long[] positions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = "dbench-watermarks" }).Build();
        for (var p = 0; p < positions.Length; p++)
        {
            var low = consumer.QueryWatermarkOffsets(new Confluent.Kafka.TopicPartition(Topics.Events, p), TimeSpan.FromSeconds(10)).Low.Value;
            if (low > positions[p])
            {
                throw new BenchmarkFailedException(
                    $"the mock broker dropped events[{p}] records {positions[p]}..{low - 1} before any silo read them (it keeps 5 MiB per partition): " +
                    "fewer events, more partitions (DISTRIBUTED_BENCH_PARTITIONS) or compression (DISTRIBUTED_BENCH_COMPRESSION=lz4).");
            }
        }
    }

    private int[] Count(IReadOnlyList<LogMessage> batch)
    {
        var counts = new int[_ends.Length];
        foreach (var message in batch)
        {
            counts[KeyPartitioner.Partition(message.Key, _ends.Length)]++;
        }

        lock (_ends)
        {
            for (var p = 0; p < counts.Length; p++)
            {
                _ends[p] += counts[p];
            }
        }

        return counts;
    }

    public ValueTask DisposeAsync() => _log.DisposeAsync();
}
