using System.Text;
using AdOrleans.Runtime;

namespace AdOrleans.Runtime.Tests;

public sealed class LogRecordDecodeTests
{
    private static LogRecord Record(string value) => new("events", 0, 0, "k", Encoding.UTF8.GetBytes(value), DateTimeOffset.UnixEpoch);

    [Fact]
    public void EverySubscriberOfARecordGetsTheOneDecodedInstance()
    {
        var record = Record("hello");
        var calls = 0;
        string Decode(ReadOnlyMemory<byte> value)
        {
            Interlocked.Increment(ref calls);
            return Encoding.UTF8.GetString(value.Span);
        }

        var first = record.Decode(Decode);
        var second = record.Decode(Decode);

        Assert.Equal("hello", first);
        Assert.Same(first, second);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void ConcurrentSubscribersAllSeeTheSameInstance()
    {
        var record = Record("shared");
        var results = new string[8];
        Parallel.For(0, results.Length, i => results[i] = record.Decode(v => Encoding.UTF8.GetString(v.Span)));

        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public void AskingForAnotherTypeDecodesAgainWithoutReplacingTheFirst()
    {
        var record = Record("1.2");
        var text = record.Decode(v => Encoding.UTF8.GetString(v.Span));
        var version = record.Decode(v => Version.Parse(Encoding.UTF8.GetString(v.Span)));

        Assert.Equal(new Version(1, 2), version);
        Assert.Same(text, record.Decode(_ => "decoded again"));
    }
}
