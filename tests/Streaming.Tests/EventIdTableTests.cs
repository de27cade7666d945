using FsCheck;
using FsCheck.Fluent;

namespace AdOrleans.Streaming.Tests;

/// <summary>The flat id table answers exactly as a set plus an arrival queue, whatever the operations and collisions.</summary>
public sealed class EventIdTableTests
{
    /// <summary>
    /// The oldest id's time is the highest time of any id added up to it: its own when times rise (log order), and later
    /// rather than earlier when they do not, so an id never expires early.
    /// </summary>
    [Fact]
    public void The_table_agrees_with_a_set_and_a_queue_under_any_sequence_of_operations()
    {
        // 301 distinct hashes, spread over the 64-bit range by an odd multiplier so that their home slots (the high bits)
        // fall anywhere in a small index, its last slots too (probe runs wrap around), and collide all the time.
        var operation = from kind in Gen.Choose(0, 9) from value in Gen.Choose(0, 300) from time in Gen.Choose(0, 60)
                        select (kind, Spread(value), (uint)time);
        // Small capacities reach the capacity bound; the large ones take the 4-byte index entries.
        var capacities = Gen.OneOf(Gen.Choose(1, 40), Gen.Choose(2_100_000, 2_200_000));
        var runs = from capacity in capacities from operations in operation.ListOf() select (capacity, operations);

        Prop.ForAll(runs.ToArbitrary(), run =>
        {
            var table = new EventIdTable(run.capacity);
            var held = new HashSet<ulong>();
            var order = new Queue<(ulong Hash, uint LatestSeconds)>();
            var latest = 0U;
            foreach (var (kind, hash, seconds) in run.operations)
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
                    latest = Math.Max(latest, seconds);
                    order.Enqueue((hash, latest));
                    table.Add(hash, seconds);
                }

                Assert.Equal(held.Count, table.Count);
                Assert.Equal(order.TryPeek(out var expectedOldest), table.TryPeekOldestSeconds(out var oldestSeconds));
                Assert.Equal(expectedOldest.LatestSeconds, oldestSeconds);
            }

            for (var value = 0; value <= 300; value++)
            {
                Assert.Equal(held.Contains(Spread(value)), table.Contains(Spread(value)));
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Ids_whose_hashes_share_the_low_bits_of_the_tag_are_still_told_apart()
    {
        // Same tag (low bits), homes in the same slot region: only the full hash in the ring separates them.
        var table = new EventIdTable(1_000);
        for (var i = 0UL; i < 500; i++)
        {
            table.Add((i << 40) | 0x5A5A, (uint)i);
        }

        for (var i = 0UL; i < 500; i++)
        {
            Assert.True(table.Contains((i << 40) | 0x5A5A));
            Assert.False(table.Contains(((i + 500) << 40) | 0x5A5A));
        }
    }

    [Theory]
    [InlineData(5_000)]
    [InlineData(3_000_000)]
    public void Ids_survive_the_growth_of_the_arrays_after_the_oldest_have_left(int capacity)
    {
        // 1,024 held with the ring's start at 600 makes the arrays grow: every id moves and is indexed again.
        var table = new EventIdTable(capacity);
        for (var i = 0; i < 1_000; i++)
        {
            table.Add(Spread(i), (uint)i);
        }

        for (var i = 0; i < 600; i++)
        {
            table.RemoveOldest();
        }

        for (var i = 1_000; i < 2_500; i++)
        {
            table.Add(Spread(i), (uint)i);
        }

        Assert.Equal(1_900, table.Count);
        for (var i = 0; i < 3_000; i++)
        {
            Assert.Equal(i is >= 600 and < 2_500, table.Contains(Spread(i)));
        }

        Assert.True(table.TryPeekOldestSeconds(out var oldest));
        Assert.Equal(600U, oldest);
    }

    [Theory]
    [InlineData(2_000_000)]
    [InlineData(100_000_000)]
    public void Ids_that_differ_only_in_the_low_bits_the_ring_drops_are_told_apart_by_the_tag(int capacity)
    {
        var table = new EventIdTable(capacity);
        var high = 0xDEAD_BEEF_CAFE_F00DUL & ~0xFFUL;
        table.Add(high, 1);
        for (var low = 1UL; low < 1UL << EventIdTable.MinTagBits; low++)
        {
            Assert.False(table.Contains(high | low));
        }

        Assert.True(table.Contains(high));
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

    private static ulong Spread(int value) => (ulong)value * 0x9E37_79B9_7F4A_7C15UL;
}
