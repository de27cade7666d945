using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Streams;

namespace AdOrleans.Streaming.Tests;

/// <summary>The cache stops the pulling agent once it holds enough records, and lets it read again once deliveries free them.</summary>
public sealed class RecordBoundedQueueCacheTests
{
    private static readonly StreamId Stream = StreamId.Create("events", "p0");

    [Fact]
    public void The_cache_is_under_pressure_at_its_record_bound_and_free_again_once_the_oldest_are_delivered()
    {
        var cache = new RecordBoundedQueueCache(cacheSize: 1_000, maxRecords: 10_000, NullLogger.Instance);
        var first = Container(0, 4_096);
        cache.AddToCache([first, Container(4_096, 4_096)]);
        var cursor = ((IQueueCache)cache).TryGetCacheCursor(Stream, first.SequenceToken).Cursor!;
        Assert.False(cache.IsUnderPressure());
        cache.AddToCache([Container(8_192, 4_096)]);
        Assert.True(cache.IsUnderPressure());
        Assert.Equal(12_288, cache.Records);

        // A consumer reads every container: nothing is left for a cursor in the oldest part of the cache.
        var read = 0;
        while (cursor.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success)
        {
            read += ((LogBatchContainer)cursor.GetCurrent(out _)!).Entries.Length;
        }

        Assert.Equal(12_288, read);
        cache.AddToCache([Container(12_288, 10)]);
        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.NotEmpty(purged);
        Assert.False(cache.IsUnderPressure());
        Assert.True(cache.Records < 10_000);
    }

    private static LogBatchContainer Container(long firstOffset, int records) =>
        new(Stream, [.. Enumerable.Range(0, records).Select(i => new Grains.Streams.LogEntry { Topic = "events", Partition = 0, Offset = firstOffset + i, Timestamp = DateTimeOffset.UnixEpoch, Key = "c-1" })], 0);
}
