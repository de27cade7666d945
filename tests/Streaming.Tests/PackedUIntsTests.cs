using FsCheck;
using FsCheck.Fluent;

namespace AdOrleans.Streaming.Tests;

public sealed class PackedUIntsTests
{
    [Fact]
    public void Packed_values_read_back_as_written_masked_to_their_width_and_leave_their_neighbours_alone()
    {
        var writes = from index in Gen.Choose(0, 63) from value in ArbMap.Default.GeneratorFor<ulong>() select (index, value);
        var runs = from width in Gen.Choose(1, 8) from list in writes.ListOf() select (width, list);

        Prop.ForAll(runs.ToArbitrary(), run =>
        {
            var packed = new PackedUInts(64, run.width);
            var model = new ulong[64];
            var mask = run.width == 8 ? ulong.MaxValue : (1UL << (8 * run.width)) - 1;
            foreach (var (index, value) in run.list)
            {
                packed[index] = value;
                model[index] = value & mask;
            }

            Assert.Equal(mask, packed.MaxValue);
            for (var i = 0; i < model.Length; i++)
            {
                Assert.Equal(model[i], packed[i]);
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void An_index_outside_the_array_is_refused()
    {
        var packed = new PackedUInts(10, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => packed[10]);
        Assert.Throws<ArgumentOutOfRangeException>(() => packed[-1] = 1);
    }
}
