using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using AdOrleans.Log;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdOrleans.Grains.Ads;

/// <summary>
/// Publishes ad entities' latest state to the compacted state topic after their grain wrote it. Grains hand over
/// the value and go on; a background loop appends whatever is waiting in one batch (the latest value per key), so
/// no grain turn waits for a log append. A crash between the write and the publish loses nothing for long: the
/// next change republishes, and the state topic keeps only the latest value per key.
/// </summary>
public sealed partial class StatePublisher(IPartitionedLog log, ILogger<StatePublisher> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, byte[]> _staged = new(StringComparer.Ordinal);
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    public void Publish(string key, AdStateRecord record)
    {
        _staged[key] = JsonSerializer.SerializeToUtf8Bytes(record, AdJsonContext.Default.AdStateRecord);
        _signal.Writer.TryWrite(true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<LogMessage>();
        try
        {
            while (await _signal.Reader.WaitToReadAsync(stoppingToken))
            {
                _signal.Reader.TryRead(out _);
                await PublishAvailableAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Grains write their last state before the silo stops: publish it too.
            await PublishAvailableAsync(batch, CancellationToken.None);
        }
    }

    private async Task PublishAvailableAsync(List<LogMessage> batch, CancellationToken cancellationToken)
    {
        foreach (var key in _staged.Keys)
        {
            if (_staged.TryRemove(key, out var value))
            {
                batch.Add(new LogMessage(key, value));
            }
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
