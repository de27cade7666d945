using FsCheck;
using FsCheck.Fluent;

namespace AdOrleans.Streaming.Tests;

/// <summary>The flat id table answers exactly as a dictionary plus an arrival queue, whatever the operations and collisions.</summary>
public sealed class EventIdTableTests
{
    [Fact]
    public void The_table_agrees_with_a_dictionary_and_a_queue_under_any_sequence_of_operations()
    {
        // Hashes from a small range collide in the index's home slots all the time (and sometimes repeat, which exercises LowerOffset).
        var operation = from kind in Gen.Choose(0, 9) from hash in Gen.Choose(0, 300) from offset in Gen.Choose(0, 1_000) select (kind, (ulong)hash, (long)offset);
        var runs = from capacity in Gen.Choose(1, 40) from operations in operation.ListOf() select (capacity, operations);

        Prop.ForAll(runs.ToArbitrary(), run =>
        {
            var table = new EventIdTable(run.capacity);
            var first = new Dictionary<ulong, long>();
            var order = new Queue<(ulong Hash, long Ticks)>();
            var ticks = 0L;
            foreach (var (kind, hash, offset) in run.operations)
            {
                if (kind == 0 && order.TryDequeue(out var oldest))
                {
                    first.Remove(oldest.Hash);
                    table.RemoveOldest();
                }
                else if (first.TryGetValue(hash, out var held))
                {
                    first[hash] = Math.Min(held, offset);
                    table.LowerOffset(hash, offset);
                }
                else
                {
                    if (first.Count == run.capacity)
                    {
                        first.Remove(order.Dequeue().Hash);
                    }

                    first[hash] = offset;
                    order.Enqueue((hash, ++ticks));
                    table.Add(hash, offset, ticks);
                }

                Assert.Equal(first.Count, table.Count);
                Assert.Equal(order.TryPeek(out var expectedOldest), table.TryPeekOldestTicks(out var oldestTicks));
                Assert.Equal(expectedOldest.Ticks, oldestTicks);
            }

            for (var hash = 0UL; hash <= 300; hash++)
            {
                Assert.Equal(first.TryGetValue(hash, out var expected), table.TryGetOffset(hash, out var actual));
                Assert.Equal(expected, actual);
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_full_table_forgets_its_oldest_id_first()
    {
        var table = new EventIdTable(2_000);
        for (var i = 0UL; i < 2_500; i++)
        {
            table.Add(i * 7919, (long)i, (long)i);
        }

        Assert.Equal(2_000, table.Count);
        Assert.False(table.TryGetOffset(499 * 7919, out _));
        Assert.True(table.TryGetOffset(500 * 7919, out var offset));
        Assert.Equal(500, offset);
        Assert.True(table.TryPeekOldestTicks(out var oldest));
        Assert.Equal(500, oldest);
    }
}
