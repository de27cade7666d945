using AdOrleans.Persistence;
using AdOrleans.Persistence.Sqlite;

namespace AdOrleans.Grains.Tests;

/// <summary>The embedded store gives its page cache back when the process is idle, and goes on committing after.</summary>
public sealed class SqliteIdleReleaseTests : IDisposable
{
    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task Releasing_memory_empties_the_writers_page_cache_and_later_commits_still_read_what_was_written()
    {
        using var store = new SqliteGrainStateStore(Path.Combine(_data.Directory, "state.db"));
        var payload = new byte[2_000];
        for (var batch = 0; batch < 20; batch++)
        {
            var writes = Enumerable.Range(0, 200).Select(i => new StateWrite(new StateId("filler", $"{batch}-{i}"), payload, null)).ToList();
            await store.CommitAsync(new PartitionCommit("", [], writes), CancellationToken.None);
        }

        var filled = store.WriterCacheUsedBytes;
        Assert.True(filled > 4_000_000, $"the writer's cache held {filled} bytes after 8 MB of rows");

        var released = await store.ReleaseMemoryAsync(CancellationToken.None);

        Assert.True(store.WriterCacheUsedBytes < filled / 4, $"the writer's cache still holds {store.WriterCacheUsedBytes} of {filled} bytes");
        Assert.True(released > filled / 2, $"released {released} of {filled} bytes");
        var etags = await store.CommitAsync(new PartitionCommit("", [], [new StateWrite(new StateId("filler", "0-0"), [1, 2, 3], "1")]), CancellationToken.None);
        Assert.Equal("2", Assert.Single(etags));
        Assert.Equal([1, 2, 3], (await store.ReadAsync(new StateId("filler", "0-0"), CancellationToken.None))!.Data);
    }
}
