namespace AdOrleans.Streaming.Tests;

public sealed class KeyPartitionerTests
{
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    public void Murmur2MatchesKafkasJavaImplementation(string key, int expected) =>
        Assert.Equal(expected, KeyPartitioner.Murmur2(System.Text.Encoding.UTF8.GetBytes(key)));

    [Fact]
    public void PartitionIsStableAndInRange()
    {
        for (var i = 0; i < 1000; i++)
        {
            var p = KeyPartitioner.Partition($"key-{i}", 16);
            Assert.InRange(p, 0, 15);
            Assert.Equal(p, KeyPartitioner.Partition($"key-{i}", 16));
        }
    }
}
