using System.Text.Json;
using AdOrleans.Grains;
using AdOrleans.Grains.Lake;
using AdOrleans.Persistence;
using AdOrleans.Persistence.Sqlite;
using AdOrleans.Persistence.Sqlite.Streams;
using AdOrleans.Streaming.Tests.EmbeddedLog;
using AdOrleans.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdOrleans.Streaming.Tests;

/// <summary>A receiver whose write of new eventIds failed restarts from its stored checkpoint and derives them again.</summary>
public sealed class LogQueueReceiverRestartTests : IDisposable
{
    private static readonly TopicPartition Partition = new(Topics.Events, 0);

    private readonly LogDirectory _directory = new();

    [Fact]
    public async Task After_a_failed_eventId_write_the_previous_sessions_deliveries_store_no_checkpoint_and_the_records_are_read_again()
    {
        await using var log = _directory.Open(partitions: 1);
        await log.AppendAsync(Topics.Events, [Pageview("e-1"), Pageview("e-2"), Pageview("e-3")], CancellationToken.None);
        using var sqlite = new SqliteGrainStateStore(Path.Combine(_directory.Path, "state.db"), [new SqliteEventIdWriter(), new SqliteEventIdExpiryWriter(), new SqliteDeadLetterWriter()]);
        var store = new EventIdWriteFailingOnce(sqlite);
        await using var committer = new GroupCommitter(store, [], NullLogger<GroupCommitter>.Instance);
        var options = new LogStreamOptions();
        var receiver = new LogQueueReceiver(Partition, log, store, new SqliteReceiverStore(sqlite), committer, options, new QueueStatus(Partition), new ArchiveHolds(), new PartitionStalls(TimeProvider.System), NullLogger<LogQueueReceiver>.Instance);
        await receiver.Initialize(TimeSpan.FromSeconds(10));

        var read = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        // Checkpoints are written at most every 200 ms; the first one finds the failed write and the queue restarts.
        await Eventually.TrueAsync(async () => await ThrowsAsync(() => receiver.MessagesDeliveredAsync(read)), what: "a checkpoint that finds the failed write");
        // Orleans' cache goes on removing that session's containers before the next poll.
        await receiver.MessagesDeliveredAsync(read);

        Assert.Equal(0, await sqlite.ReadOffsetAsync(options.CheckpointGroup, Partition, CancellationToken.None));
        var replayed = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        Assert.Equal(["e-1", "e-2", "e-3"], replayed.Cast<LogBatchContainer>().SelectMany(c => c.Entries).Select(e => e.Event!.EventId).Distinct());
    }

    public void Dispose() => _directory.Dispose();

    private static LogMessage Pageview(string id) => new("c-1", JsonSerializer.SerializeToUtf8Bytes(
        new TrackedEvent { EventId = id, Type = "pageview", Channel = "web", CampaignId = "c-1", OccurredAt = DateTimeOffset.UtcNow, ReceivedAt = DateTimeOffset.UtcNow }, GrainJsonContext.Default.TrackedEvent));

    private static async Task<bool> ThrowsAsync(Func<Task> action)
    {
        try
        {
            await action();
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>The store as during a database restart: the first commit carrying new eventIds fails.</summary>
    private sealed class EventIdWriteFailingOnce(IGrainStateStore store) : IGrainStateStore
    {
        private int _failed;

        public ValueTask<StoredGrainState?> ReadAsync(StateId stateId, CancellationToken cancellationToken) => store.ReadAsync(stateId, cancellationToken);

        public ValueTask<string> WriteAsync(StateId stateId, ReadOnlyMemory<byte> state, string? expectedETag, CancellationToken cancellationToken) =>
            store.WriteAsync(stateId, state, expectedETag, cancellationToken);

        public ValueTask<long> ReadOffsetAsync(string group, TopicPartition partition, CancellationToken cancellationToken) => store.ReadOffsetAsync(group, partition, cancellationToken);

        public ValueTask<IReadOnlyList<string>> CommitAsync(PartitionCommit commit, CancellationToken cancellationToken) =>
            commit.Rows.OfType<RecentEventIds>().Any() && Interlocked.Exchange(ref _failed, 1) == 0
                ? throw new IOException("the database system is shutting down")
                : store.CommitAsync(commit, cancellationToken);

        public ValueTask<bool> PingAsync(CancellationToken cancellationToken) => store.PingAsync(cancellationToken);
    }
}
