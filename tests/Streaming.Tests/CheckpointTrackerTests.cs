using AdOrleans.Grains;
using AdOrleans.Grains.Streams;

namespace AdOrleans.Streaming.Tests;

public sealed class CheckpointTrackerTests
{
    [Fact]
    public void The_checkpoint_moves_past_a_container_once_the_cache_removed_it()
    {
        var tracker = new CheckpointTracker(0);
        var (first, second) = (Container(0), Container(5));
        tracker.Added([first, second], readPosition: 9);

        tracker.Removed([first]);

        Assert.Equal(5, tracker.Checkpoint);
        tracker.Removed([second]);
        Assert.Equal(9, tracker.Checkpoint);
    }

    [Fact]
    public void Containers_of_a_previous_reading_session_removed_after_a_restart_do_not_move_the_new_sessions_checkpoint()
    {
        var before = Container(0, 1, 2, 3);
        var restarted = new CheckpointTracker(0);
        restarted.Added([Container(0, 1, 2, 3, 4, 5)], readPosition: 6);

        restarted.Removed([before]);

        Assert.Equal(0, restarted.Checkpoint);
    }

    private static LogBatchContainer Container(params long[] offsets) =>
        new(StreamId.Create("events", "k"), [.. offsets.Select(o => new LogEntry { Topic = Topics.Events, Partition = 0, Offset = o, Timestamp = DateTimeOffset.UnixEpoch, Key = "k", Event = new TrackedEvent { EventId = $"e-{o}", Type = "pageview", Channel = "web", OccurredAt = DateTimeOffset.UnixEpoch, ReceivedAt = DateTimeOffset.UnixEpoch } })], 0);
}
