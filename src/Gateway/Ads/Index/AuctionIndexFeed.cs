using System.Text.Json;
using AdOrleans.Grains;
using AdOrleans.Log;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdOrleans.Gateway.Ads.Index;

/// <summary>
/// Reads every partition of the state topic from offset 0 into the <see cref="AuctionIndex"/> and keeps following it.
/// <see cref="CaughtUp"/> turns true once every partition has been read up to the end it had at start-up;
/// readiness waits for it so that a new gateway never answers auctions from an empty index.
/// </summary>
public sealed partial class AuctionIndexFeed(IPartitionedLog log, AuctionIndex index, ILogger<AuctionIndexFeed> logger) : BackgroundService
{
    private int _partitionsBehind = int.MaxValue;

    public bool CaughtUp => Volatile.Read(ref _partitionsBehind) == 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = log.PartitionCount(Topics.State);
        var ends = new long[count];
        for (var p = 0; p < count; p++)
        {
            ends[p] = await EndOffsetAsync(p, stoppingToken);
        }

        Volatile.Write(ref _partitionsBehind, ends.Count(e => e > 0));
        await Task.WhenAll(Enumerable.Range(0, count).Select(p => FollowAsync(p, ends[p], stoppingToken)));
    }

    /// <summary>Retried until the log answers: a gateway started while Kafka is down waits (not ready) instead of stopping.</summary>
    private async Task<long> EndOffsetAsync(int partition, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                return await log.EndOffsetAsync(new TopicPartition(Topics.State, partition), stoppingToken);
            }
            catch (LogUnavailableException e)
            {
                Log.EndUnknown(logger, e.Message, partition);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task FollowAsync(int partition, long startEnd, CancellationToken stoppingToken)
    {
        using var reader = log.OpenReader(new TopicPartition(Topics.State, partition), 0);
        var records = new List<LogRecord>(512);
        var behind = startEnd > 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                records.Clear();
                if (reader.Read(records, 512) == 0)
                {
                    await reader.WaitForRecordsAsync(TimeSpan.FromSeconds(1), stoppingToken);
                    continue;
                }

                foreach (var record in records)
                {
                    Apply(record);
                }

                if (behind && reader.Position >= startEnd)
                {
                    behind = false;
                    Interlocked.Decrement(ref _partitionsBehind);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.FeedFailed(logger, e, partition);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void Apply(LogRecord record)
    {
        try
        {
            if (JsonSerializer.Deserialize(record.Value.Span, AdJsonContext.Default.AdStateRecord) is { } state)
            {
                index.Apply(state);
            }
        }
        catch (JsonException e)
        {
            Log.BadRecord(logger, e, record.Partition, record.Offset);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Error, "Reading state partition {Partition} into the auction index failed; retrying")]
        public static partial void FeedFailed(ILogger logger, Exception e, int partition);

        [LoggerMessage(LogLevel.Warning, "The end of state partition {Partition} is not known yet ({Reason}); the auction index waits, retrying every second")]
        public static partial void EndUnknown(ILogger logger, string reason, int partition);

        [LoggerMessage(LogLevel.Warning, "Skipped an unreadable state record at partition {Partition} offset {Offset}")]
        public static partial void BadRecord(ILogger logger, Exception e, int partition, long offset);
    }
}
