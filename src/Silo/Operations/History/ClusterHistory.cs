using System.Diagnostics;
using AdOrleans.Grains.Streams;
using Microsoft.Extensions.Options;

namespace AdOrleans.Silo.Operations.History;

/// <summary>
/// Samples this process's cluster view every few seconds into a ring buffer, so the dashboard can
/// show an hour of turns/s, latency and log throughput without a metrics server.
/// </summary>
public sealed partial class ClusterHistory(ClusterStatus status, IOptions<ClusterHistoryOptions> options, TimeProvider time, ILogger<ClusterHistory> logger)
    : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly Queue<ClusterSample> _samples = new();
    private ClusterCounters? _last;

    /// <summary>Samples newer than <paramref name="since"/> (all when null), so a page refresh fetches only what it lacks.</summary>
    public ClusterHistoryView Snapshot(DateTimeOffset? since = null)
    {
        lock (_gate)
        {
            return new ClusterHistoryView(
                options.Value.SampleInterval.TotalSeconds,
                options.Value.Capacity,
                [.. _samples.Where(s => since is null || s.At > since)]);
        }
    }

    /// <summary>Takes one sample now; the timer calls it, tests may too.</summary>
    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        var counters = await ReadAsync(cancellationToken);
        lock (_gate)
        {
            if (_last is { } previous)
            {
                _samples.Enqueue(counters.Since(previous));
                while (_samples.Count > options.Value.Capacity)
                {
                    _samples.Dequeue();
                }
            }

            _last = counters;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SampleInterval, time);
        try
        {
            do
            {
                try
                {
                    await SampleAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The silo is starting or stopping, or the store or log is down for a moment: this interval has
                    // no sample, the next one will. A sampler must never stop the host.
                    Log.SampleFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<ClusterCounters> ReadAsync(CancellationToken cancellationToken)
    {
        var partitions = await status.PartitionsAsync(cancellationToken);
        await status.CountDeadLettersAsync(cancellationToken);
        var grains = await status.GrainsAsync();
        using var process = Process.GetCurrentProcess();
        return new ClusterCounters(
            time.GetUtcNow(),
            process.TotalProcessorTime,
            process.WorkingSet64,
            partitions.ToDictionary(p => new TopicPartition(p.Topic, p.Partition), p => (p.EndOffset, p.CommittedOffset)),
            partitions.Sum(p => p.Lag),
            grains);
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Debug, "A cluster history sample failed; the next interval tries again")]
        public static partial void SampleFailed(ILogger logger, Exception e);
    }
}
