using FsCheck;
using FsCheck.Fluent;

namespace AdOrleans.Streaming.Tests;

/// <summary>The flat id table answers exactly as a set plus an arrival queue, whatever the operations and collisions.</summary>
public sealed class EventIdTableTests
{
    [Fact]
    public void The_table_agrees_with_a_set_and_a_queue_under_any_sequence_of_operations()
    {
        // Hashes from a small range collide in the index's home slots all the time, and repeat.
        var operation = from kind in Gen.Choose(0, 9) from hash in Gen.Choose(0, 300) select (kind, (ulong)hash);
        var runs = from capacity in Gen.Choose(1, 40) from operations in operation.ListOf() select (capacity, operations);

        Prop.ForAll(runs.ToArbitrary(), run =>
        {
            var table = new EventIdTable(run.capacity);
            var held = new HashSet<ulong>();
            var order = new Queue<(ulong Hash, uint Seconds)>();
            var seconds = 0U;
            foreach (var (kind, hash) in run.operations)
            {
                if (kind == 0 && order.TryDequeue(out var oldest))
                {
                    held.Remove(oldest.Hash);
                    table.RemoveOldest();
                }
                else if (!held.Contains(hash))
                {
                    if (held.Count == run.capacity)
                    {
                        held.Remove(order.Dequeue().Hash);
                    }

                    held.Add(hash);
                    order.Enqueue((hash, ++seconds));
                    table.Add(hash, seconds);
                }

                Assert.Equal(held.Count, table.Count);
                Assert.Equal(order.TryPeek(out var expectedOldest), table.TryPeekOldestSeconds(out var oldestSeconds));
                Assert.Equal(expectedOldest.Seconds, oldestSeconds);
            }

            for (var hash = 0UL; hash <= 300; hash++)
            {
                Assert.Equal(held.Contains(hash), table.Contains(hash));
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_full_table_forgets_its_oldest_id_first()
    {
        var table = new EventIdTable(2_000);
        for (var i = 0U; i < 2_500; i++)
        {
            table.Add(i * 7919UL, i);
        }

        Assert.Equal(2_000, table.Count);
        Assert.False(table.Contains(499 * 7919));
        Assert.True(table.Contains(500 * 7919));
        Assert.True(table.TryPeekOldestSeconds(out var oldest));
        Assert.Equal(500U, oldest);
    }
}
