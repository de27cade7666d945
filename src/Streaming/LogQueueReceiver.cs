using System.Text.Json;
using AdOrleans.Grains.Lake;

namespace AdOrleans.Streaming;

/// <summary>
/// Reads one partition of one topic for Orleans' pulling agent. Each poll reads up to
/// <see cref="LogStreamOptions.MaxRecordsPerPoll"/> durable records, decodes each once, drops client retries (an
/// eventId already seen at a lower offset), dead-letters records that cannot be decoded, and hands over one batch
/// container per stream (grain kind + key). The queue checkpoint only moves past containers Orleans has removed from
/// its cache (see <see cref="CheckpointTracker"/>) and once the poll's new eventIds and dead letters are durable.
/// Those are queued to the group commit without waiting: the retry rule depends only on the log, so ids not yet
/// stored when a crash comes are derived again from the replay, which starts at or before them. A staged stall
/// (<see cref="PartitionStalls"/>) makes every poll read nothing, and a busy queue skips polls for
/// <see cref="LogStreamOptions.BusyPollInterval"/> after a read, so single events travel in larger deliveries.
/// </summary>
internal sealed partial class LogQueueReceiver(
    TopicPartition partition,
    IPartitionedLog log,
    IGrainStateStore store,
    IReceiverStore checkpoints,
    GroupCommitter committer,
    LogStreamOptions options,
    QueueStatus status,
    CheckpointHolds holds,
    PartitionStalls stalls,
    ILogger logger) : IQueueAdapterReceiver
{
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>Records read and not yet in a container: those a poll left for the next one come first.</summary>
    private readonly List<LogRecord> _records = [];
    private readonly List<(string Namespace, string Key)> _routes = new(3);
    private readonly List<object> _rows = [];
    private readonly List<RecentEventId> _newIds = [];
    private readonly List<Task> _rowWrites = [];
    private IPartitionReader? _reader;
    private CheckpointTracker _checkpoint = new(0);
    private EventIdWindow? _eventIds;
    private long _written = -1;
    private DateTime _writtenAt;
    private long _lastReadAtMs = long.MinValue / 2;
    private bool _lastReadFull;

    public Task Initialize(TimeSpan timeout) => Task.Run(() => StartAsync(timeout));

    /// <summary>Starts (again) from the stored checkpoint and eventIds: also the way back after a failed poll.</summary>
    private async Task StartAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var start = await store.ReadOffsetAsync(options.CheckpointGroup, partition, cancel.Token);
        if (partition.Topic == Topics.Events)
        {
            _eventIds = new EventIdWindow(partition.Partition, options.DedupeWindow, options.DedupeCapacityPerPartition(log.PartitionCount(Topics.Events)));
            _eventIds.Load(await checkpoints.ReadEventIdsAsync(partition.Partition, DateTimeOffset.UtcNow - options.DedupeWindow, cancel.Token), start);
            // Registered as reading for the lake and the journeys: archivers buffer deliveries up to Lake:FlushInterval,
            // journey shards write forwarded events every Attribution:WriteIntervalMs, and the checkpoint stays at their
            // oldest unwritten record (CheckpointHolds). Without it every delivery was a Parquet file with two fsyncs and a
            // journey write per shard, which single-event ingest (tiny deliveries) paid per poll (docs/lake.md).
            holds.Reading(partition.Partition, true);
        }

        _records.Clear();
        _reader = log.OpenReader(partition, start);
        _checkpoint = new CheckpointTracker(start);
        (_written, _writtenAt) = (start, DateTime.UtcNow);
        status.Started(start);
        Log.Started(logger, partition.Topic, partition.Partition, start, _eventIds?.Count ?? 0);
    }

    [Obsolete("Orleans calls the overload with a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        // Before reading: a checkpoint that fails then fails a poll that has read nothing. After reading, the failure
        // dropped the poll's containers while the reader had moved past them, and the next checkpoint passed them.
        await CheckpointAsync(force: false);
        if (_reader is null)
        {
            await Task.Run(() => StartAsync(TimeSpan.FromSeconds(30)), cancellationToken);
        }

        if (stalls.IsStalled(partition))
        {
            // A staged stall: nothing is read, so the checkpoint stays and the lag grows as producers append.
            return [];
        }

        if (HoldingForBatch())
        {
            return [];
        }

        // Records a poll read beyond the cache's add limit (kept from the previous poll) come first.
        var max = options.MaxRecordsPerPoll;
        _reader!.Read(_records, max - _records.Count);
        var used = 0;
        List<LogBatchContainer> containers;
        try
        {
            containers = _records.Count == 0 ? [] : ContainersOf(maxCount < 0 ? int.MaxValue : Math.Max(1, maxCount), out used);
        }
        catch (Exception e)
        {
            // The records read and the eventIds remembered are not durable: forget both and start over from the store.
            Log.PollFailed(logger, e, partition.Topic, partition.Partition);
            _reader.Dispose();
            _reader = null;
            throw;
        }

        if (_records.Count > 0)
        {
            (_lastReadAtMs, _lastReadFull) = (Environment.TickCount64, _records.Count >= max || used < _records.Count);
        }

        // Records left for the next poll are in no container yet: the checkpoint must not pass the first of them.
        var position = used < _records.Count ? _records[used].Offset : _reader.Position;
        _records.RemoveRange(0, used);
        _checkpoint.Added(containers, position);
        status.Read(_reader.Position, _eventIds?.Count ?? 0);
        return [.. containers];
    }

    /// <summary>Busy and not behind: the records that arrive until <see cref="LogStreamOptions.BusyPollInterval"/> has passed join one delivery.</summary>
    private bool HoldingForBatch() =>
        !_lastReadFull && Environment.TickCount64 - _lastReadAtMs < (long)options.BusyPollInterval.TotalMilliseconds;

    private int NewStreams(Dictionary<(string, string), List<LogEntry>> byStream)
    {
        var count = 0;
        foreach (var route in _routes)
        {
            count += byStream.ContainsKey(route) ? 0 : 1;
        }

        return count;
    }

    /// <summary>
    /// Decodes the records in order into one container per stream, and stops before a record whose streams would make
    /// more than <paramref name="maxContainers"/> (what Orleans' cache takes in one add): that record and the ones after
    /// it wait for the next poll (<paramref name="used"/> counts the records before it). A poll of campaign-keyed events makes far fewer containers than records, so it reads
    /// <see cref="LogStreamOptions.MaxRecordsPerPoll"/> whatever the cache's add limit.
    /// </summary>
    private List<LogBatchContainer> ContainersOf(int maxContainers, out int used)
    {
        _rows.Clear();
        _newIds.Clear();
        var byStream = new Dictionary<(string, string), List<LogEntry>>();
        var duplicates = 0;
        for (used = 0; used < _records.Count; used++)
        {
            var record = _records[used];
            LogEntry entry;
            try
            {
                entry = RecordDecoder.Decode(record);
            }
            catch (JsonException e)
            {
                Log.Undecodable(logger, e, record.Topic, record.Partition, record.Offset);
                _rows.Add(new DeadLetter("receiver", record.Topic, record.Partition, record.Offset, "undecodable: " + e.Message, DateTimeOffset.UtcNow));
                continue;
            }

            _routes.Clear();
            LogRouting.Route(entry, _routes);
            if (byStream.Count > 0 && byStream.Count + NewStreams(byStream) > maxContainers)
            {
                break;
            }

            if (entry.Event is { } tracked && _eventIds is { } ids && !ids.IsFirst(tracked.EventId, record.Offset, record.Timestamp, _newIds, _rows))
            {
                duplicates++;
                continue;
            }

            foreach (var route in _routes)
            {
                if (!byStream.TryGetValue(route, out var entries))
                {
                    byStream[route] = entries = [];
                }

                entries.Add(entry);
            }
        }

        if (_newIds.Count > 0)
        {
            _rows.Add(new RecentEventIds(partition.Partition, [.. _newIds]));
        }

        if (_rows.Count > 0)
        {
            _rowWrites.RemoveAll(write => write.IsCompletedSuccessfully);
            _rowWrites.Add(committer.WriteAsync(options.CheckpointGroup, [], [.. _rows]));
        }

        status.Duplicates(duplicates);
        return [.. byStream.Select((s, i) => new LogBatchContainer(StreamId.Create(s.Key.Item1, s.Key.Item2), [.. s.Value], i))];
    }

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        _checkpoint.Removed(messages);
        await CheckpointAsync(force: false);
    }

    public async Task Shutdown(TimeSpan timeout)
    {
        try
        {
            // A failed final checkpoint only means the next owner replays from the one stored before (harmless).
            await CheckpointAsync(force: true);
        }
        finally
        {
            if (partition.Topic == Topics.Events)
            {
                holds.Reading(partition.Partition, false);
            }

            _reader?.Dispose();
            status.Stopped();
            Log.Stopped(logger, partition.Topic, partition.Partition, _written);
        }
    }

    private async Task CheckpointAsync(bool force)
    {
        // No reader: a write of eventIds failed and the queue restarts from its stored checkpoint. This session's
        // tracker has passed records whose ids are not durable; storing its checkpoint would skip them for good, and
        // their client retries would then count twice.
        if (_reader is null)
        {
            return;
        }

        status.ProcessedThrough(_checkpoint.Checkpoint);

        // The lake archiver and the journey shards may hold records in memory that Orleans counts as delivered (docs/lake.md).
        var checkpoint = partition.Topic == Topics.Events ? holds.Cap(partition.Partition, _checkpoint.Checkpoint) : _checkpoint.Checkpoint;
        if (checkpoint == _written || (!force && DateTime.UtcNow - _writtenAt < CheckpointEvery))
        {
            return;
        }

        await RowsWrittenAsync();
        await committer.WriteAsync(options.CheckpointGroup, [(partition, checkpoint)], []);
        (_written, _writtenAt) = (checkpoint, DateTime.UtcNow);
        status.Checkpointed(checkpoint);
    }

    /// <summary>
    /// Waits for the queued eventIds and dead letters. If one of those writes failed, the ids remembered in memory are
    /// not all durable: the queue forgets what it read and starts over from its stored checkpoint (replays are harmless).
    /// </summary>
    private async Task RowsWrittenAsync()
    {
        try
        {
            await Task.WhenAll(_rowWrites);
        }
        catch (Exception e)
        {
            Log.PollFailed(logger, e, partition.Topic, partition.Partition);
            _reader?.Dispose();
            _reader = null;
            throw;
        }
        finally
        {
            _rowWrites.Clear();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Reading {Topic}[{Partition}] from offset {Offset} ({EventIds} recent eventIds loaded)")]
        public static partial void Started(ILogger logger, string topic, int partition, long offset, int eventIds);

        [LoggerMessage(LogLevel.Information, "Stopped reading {Topic}[{Partition}] at checkpoint {Offset}")]
        public static partial void Stopped(ILogger logger, string topic, int partition, long offset);

        [LoggerMessage(LogLevel.Warning, "A poll of {Topic}[{Partition}], or storing its eventIds or dead letters, failed; the queue restarts from its checkpoint")]
        public static partial void PollFailed(ILogger logger, Exception e, string topic, int partition);

        [LoggerMessage(LogLevel.Error, "{Topic}[{Partition}]@{Offset} cannot be decoded; dead-lettered")]
        public static partial void Undecodable(ILogger logger, Exception e, string topic, int partition, long offset);
    }
}
