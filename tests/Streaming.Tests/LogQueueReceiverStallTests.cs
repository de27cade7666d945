using System.Text.Json;
using AdOrleans.Grains;
using AdOrleans.Grains.Lake;
using AdOrleans.Persistence;
using AdOrleans.Persistence.Sqlite;
using AdOrleans.Persistence.Sqlite.Streams;
using AdOrleans.Streaming.Tests.EmbeddedLog;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdOrleans.Streaming.Tests;

/// <summary>A staged stall (the simulator's stalled-partition incident) stops a receiver reading, so the partition's lag grows.</summary>
public sealed class LogQueueReceiverStallTests : IDisposable
{
    private static readonly TopicPartition Partition = new(Topics.Events, 0);

    private readonly LogDirectory _directory = new();

    [Fact]
    public async Task A_stalled_partition_is_not_read_and_its_records_are_delivered_once_the_stall_ends()
    {
        await using var log = _directory.Open(partitions: 1);
        await log.AppendAsync(Topics.Events, [Pageview("e-1"), Pageview("e-2")], CancellationToken.None);
        using var sqlite = new SqliteGrainStateStore(Path.Combine(_directory.Path, "state.db"), [new SqliteEventIdWriter(), new SqliteEventIdExpiryWriter(), new SqliteDeadLetterWriter()]);
        await using var committer = new GroupCommitter(sqlite, [], NullLogger<GroupCommitter>.Instance);
        var stalls = new PartitionStalls(TimeProvider.System);
        var status = new QueueStatus(Partition);
        var receiver = new LogQueueReceiver(Partition, log, sqlite, new SqliteReceiverStore(sqlite), committer, new LogStreamOptions(), status, new ArchiveHolds(), stalls, NullLogger<LogQueueReceiver>.Instance);
        await receiver.Initialize(TimeSpan.FromSeconds(10));

        stalls.Set(new Dictionary<int, DateTimeOffset> { [Partition.Partition] = DateTimeOffset.UtcNow.AddHours(1) });
        Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));
        Assert.Equal(0, status.ReadPosition);

        stalls.Set(new Dictionary<int, DateTimeOffset>());
        var read = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        Assert.Equal(["e-1", "e-2"], read.Cast<LogBatchContainer>().SelectMany(c => c.Entries).Select(e => e.Event!.EventId).Distinct());
    }

    [Fact]
    public void A_stall_ends_at_its_end_time_and_never_touches_the_commands_topic()
    {
        var stalls = new PartitionStalls(TimeProvider.System);
        stalls.Set(new Dictionary<int, DateTimeOffset> { [0] = DateTimeOffset.UtcNow.AddHours(1), [1] = DateTimeOffset.UtcNow.AddSeconds(-1) });

        Assert.True(stalls.IsStalled(new TopicPartition(Topics.Events, 0)));
        Assert.False(stalls.IsStalled(new TopicPartition(Topics.Events, 1)));
        Assert.False(stalls.IsStalled(new TopicPartition(Topics.Commands, 0)));
    }

    public void Dispose() => _directory.Dispose();

    private static LogMessage Pageview(string id) => new("c-1", JsonSerializer.SerializeToUtf8Bytes(
        new TrackedEvent { EventId = id, Type = "pageview", Channel = "web", CampaignId = "c-1", OccurredAt = DateTimeOffset.UtcNow, ReceivedAt = DateTimeOffset.UtcNow }, GrainJsonContext.Default.TrackedEvent));
}
