using System.Text;
using static AdOrleans.Streaming.Tests.EmbeddedLog.LogDirectory;

namespace AdOrleans.Streaming.Tests.EmbeddedLog;

/// <summary>The file log's in-place rewrite (erasure): same offsets and sizes, valid frames, and no old bytes left in the journal.</summary>
public sealed class FileLogRewriteTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("secret-user");

    [Fact]
    public async Task A_rewrite_changes_only_the_matching_records_keeps_every_offset_and_reads_back_after_reopening()
    {
        using var directory = new LogDirectory();
        await using (var log = directory.Open(partitions: 2, segmentBytes: 4 << 10))
        {
            var messages = Enumerable.Range(0, 400).Select(i => Message($"k{i % 7}", i % 3 == 0 ? $"{{\"n\":{i},\"u\":\"secret-user\"}}" : $"{{\"n\":{i},\"u\":\"other-user\"}}")).ToList();
            await log.AppendAsync("events", messages, CancellationToken.None);
            var changed = await log.RewriteAsync("events", value => Mask(value), CancellationToken.None);
            Assert.Equal(134, changed);
            Assert.Equal(400, ReadAll(log, 0).Count + ReadAll(log, 1).Count);

            // Appends go on after a rewrite, and the journal started afresh holds none of the old bytes.
            await log.AppendAsync("events", [Message("k0", "{\"n\":400,\"u\":\"later\"}")], CancellationToken.None);
            Assert.All(directory.Journals(), j => Assert.True(File.ReadAllBytes(j).AsSpan().IndexOf(Secret) < 0, j));
        }

        await using var reopened = directory.Open(partitions: 2, segmentBytes: 4 << 10);
        var records = ReadAll(reopened, 0).Concat(ReadAll(reopened, 1)).ToList();
        Assert.Equal(401, records.Count);
        Assert.DoesNotContain(records, r => Text(r).Contains("secret-user", StringComparison.Ordinal));
        Assert.Equal(134, records.Count(r => Text(r).Contains("***********", StringComparison.Ordinal)));
        Assert.All(Enumerable.Range(0, 2), p => Assert.All(directory.Segments(p), s => Assert.True(File.ReadAllBytes(s).AsSpan().IndexOf(Secret) < 0, s)));
    }

    [Fact]
    public async Task A_reader_tailing_a_partition_during_a_rewrite_reads_every_record_in_order()
    {
        using var directory = new LogDirectory();
        await using var log = directory.Open(partitions: 1, segmentBytes: 16 << 10);
        await log.AppendAsync("events", [.. Enumerable.Range(0, 3000).Select(i => Message("k", $"{{\"n\":{i},\"u\":\"secret-user\"}}"))], CancellationToken.None);
        var rewrite = log.RewriteAsync("events", value => Mask(value), CancellationToken.None);
        var offsets = new List<long>();
        for (var pass = 0; pass < 5; pass++)
        {
            offsets = [.. ReadAll(log, 0, batch: 64).Select(r => r.Offset)];
        }

        Assert.Equal(3000, await rewrite);
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => (long)i), offsets);
    }

    private static bool Mask(Span<byte> value)
    {
        var at = value.IndexOf(Secret);
        if (at < 0)
        {
            return false;
        }

        value.Slice(at, Secret.Length).Fill((byte)'*');
        return true;
    }
}
