using System.Text.Json;
using AdOrleans.Grains;
using AdOrleans.Grains.Streams;
using AdOrleans.Persistence;
using AdOrleans.Persistence.Sqlite;
using AdOrleans.Persistence.Sqlite.Streams;
using AdOrleans.Streaming.Files;
using AdOrleans.Streaming.Tests.EmbeddedLog;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdOrleans.Streaming.Tests;

/// <summary>One events partition of a file log with a SQLite state store, for tests that drive a <see cref="LogQueueReceiver"/> by hand.</summary>
internal sealed class ReceiverRig : IAsyncDisposable
{
    public static readonly TopicPartition Partition = new(Topics.Events, 0);

    private readonly LogDirectory _directory = new();
    private readonly List<GroupCommitter> _committers = [];

    public ReceiverRig()
    {
        Log = _directory.Open(partitions: 1);
        Sqlite = new SqliteGrainStateStore(Path.Combine(_directory.Path, "state.db"), [new SqliteEventIdWriter(), new SqliteEventIdExpiryWriter(), new SqliteDeadLetterWriter()]);
    }

    public FileLog Log { get; }

    public SqliteGrainStateStore Sqlite { get; }

    /// <summary>Polls read at once: the tests poll back to back (the busy-queue hold has tests of its own).</summary>
    public LogStreamOptions Options { get; } = new() { BusyPollInterval = TimeSpan.Zero };

    public QueueStatus Status { get; } = new(Partition);

    public PartitionStalls Stalls { get; } = new(TimeProvider.System);

    /// <summary>Appends pageviews with these eventIds to the partition.</summary>
    public Task AppendPageviewsAsync(params string[] eventIds) =>
        AppendAsync([.. eventIds.Select(id => (id, "pageview", "c-1"))]);

    /// <summary>Appends events of these types, each keyed by its campaign (impressions and clicks also go to the campaign's stream).</summary>
    public Task AppendAsync(params (string EventId, string Type, string CampaignId)[] events) =>
        Log.AppendAsync(Topics.Events, events.Select(e => Message(e.EventId, e.Type, e.CampaignId)).ToArray(), CancellationToken.None).AsTask();

    /// <summary>An initialized receiver committing through <paramref name="store"/> (the rig's SQLite store by default).</summary>
    public async Task<LogQueueReceiver> StartReceiverAsync(IGrainStateStore? store = null)
    {
        store ??= Sqlite;
        var committer = new GroupCommitter(store, [], NullLogger<GroupCommitter>.Instance);
        _committers.Add(committer);
        var receiver = new LogQueueReceiver(Partition, Log, store, new SqliteReceiverStore(Sqlite), committer, Options, Status, new CheckpointHolds(), Stalls, NullLogger<LogQueueReceiver>.Instance);
        await receiver.Initialize(TimeSpan.FromSeconds(10));
        return receiver;
    }

    public static IEnumerable<string> EventIds(IEnumerable<Orleans.Streams.IBatchContainer> read) =>
        read.Cast<LogBatchContainer>().SelectMany(c => c.Entries).Select(e => e.Event!.EventId).Distinct();

    public async ValueTask DisposeAsync()
    {
        foreach (var committer in _committers)
        {
            await committer.DisposeAsync();
        }

        Sqlite.Dispose();
        await Log.DisposeAsync();
        _directory.Dispose();
    }

    private static LogMessage Message(string id, string type, string campaignId) => new(campaignId, JsonSerializer.SerializeToUtf8Bytes(
        new TrackedEvent { EventId = id, Type = type, Channel = "web", CampaignId = campaignId, OccurredAt = DateTimeOffset.UtcNow, ReceivedAt = DateTimeOffset.UtcNow }, GrainJsonContext.Default.TrackedEvent));
}
