using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using AdOrleans.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdOrleans.Grains.Ads;

/// <summary>
/// Publishes ad entities' latest state to the compacted state topic once it is committed. Grains stage their
/// state at the end of a turn; after the partition commits, the staged values of the grains that changed are
/// appended in one batch by a background loop, so no grain turn waits for a log append. A crash between
/// commit and publish loses nothing: the state is republished by the grain's next change, and the state topic
/// keeps only the latest value per key, so publishing a value twice is harmless.
/// </summary>
public sealed partial class StatePublisher(IPartitionedLog log, ILogger<StatePublisher> logger) : BackgroundService, IPartitionCommitObserver
{
    private static readonly HashSet<string> PublishedTypes = [CampaignGrainState.GrainType, SlotConfig.GrainType, SegmentConfig.GrainType];

    private readonly ConcurrentDictionary<string, byte[]> _staged = new(StringComparer.Ordinal);
    private readonly Channel<List<LogMessage>> _ready = Channel.CreateUnbounded<List<LogMessage>>(new() { SingleReader = true });

    /// <summary>Called by a grain in its turn: the value to publish once the turn's batch commits.</summary>
    public void Stage(string key, AdStateRecord record) =>
        _staged[key] = JsonSerializer.SerializeToUtf8Bytes(record, AdJsonContext.Default.AdStateRecord);

    public void OnCommitted(int partition, IReadOnlyList<GrainId> changedGrains)
    {
        List<LogMessage>? messages = null;
        foreach (var id in changedGrains)
        {
            if (PublishedTypes.Contains(id.Type) && _staged.TryRemove(id.Key, out var value))
            {
                (messages ??= []).Add(new LogMessage(id.Key, value));
            }
        }

        if (messages is not null)
        {
            _ready.Writer.TryWrite(messages);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<LogMessage>();
        try
        {
            while (await _ready.Reader.WaitToReadAsync(stoppingToken))
            {
                await PublishAvailableAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Partitions commit their last batch before this service stops (reverse start order): publish it too.
            await PublishAvailableAsync(batch, CancellationToken.None);
        }
    }

    private async Task PublishAvailableAsync(List<LogMessage> batch, CancellationToken cancellationToken)
    {
        while (_ready.Reader.TryRead(out var messages))
        {
            batch.AddRange(messages);
        }

        var delay = TimeSpan.FromMilliseconds(50);
        while (batch.Count > 0)
        {
            try
            {
                await log.AppendAsync(Topics.State, batch, cancellationToken);
                batch.Clear();
            }
            catch (LogUnavailableException e)
            {
                Log.PublishRetry(logger, e, batch.Count, delay);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Publishing {Count} ad states failed; retrying in {Delay}")]
        public static partial void PublishRetry(ILogger logger, Exception e, int count, TimeSpan delay);
    }
}
