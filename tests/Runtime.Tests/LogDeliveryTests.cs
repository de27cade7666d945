using System.Text;

namespace AdOrleans.Runtime.Tests;

public sealed class LogDeliveryTests
{
    [Fact]
    public async Task RecordsReachTheGrainTheirKeyNamesInPartitionOrder()
    {
        await using var runtime = await RuntimeHarness.StartAsync();
        var messages = Enumerable.Range(0, 1000).Select(i => new LogMessage($"k{i % 10}", Encoding.UTF8.GetBytes(i.ToString()))).ToList();
        await runtime.Log.AppendAsync("events", messages, CancellationToken.None);

        await WaitForCommittedAsync(runtime, 1000);
        for (var k = 0; k < 10; k++)
        {
            var state = await runtime.Grains.GetGrain<ICounterGrain>($"k{k}").CallAsync(static g => g.GetAsync());
            Assert.Equal(100, state.Count);
            Assert.Equal((990 + k).ToString(), state.LastValue);
        }
    }

    [Fact]
    public async Task ARestartResumesFromTheCommittedOffsetsWithoutCountingAnyRecordTwice()
    {
        var store = new InMemoryGrainStateStore();
        var log = new InMemoryLog(new Dictionary<string, int> { ["events"] = 4 });
        await using (var first = await RuntimeHarness.StartAsync(store: store, log: log))
        {
            await log.AppendAsync("events", Messages(0, 500), CancellationToken.None);
            await WaitForCommittedAsync(first, 500);
        }

        await log.AppendAsync("events", Messages(500, 300), CancellationToken.None);
        await using var second = await RuntimeHarness.StartAsync(store: store, log: log);
        await WaitForCommittedAsync(second, 800);

        long total = 0;
        for (var k = 0; k < 20; k++)
        {
            total += (await second.Grains.GetGrain<ICounterGrain>($"k{k}").CallAsync(static g => g.GetAsync())).Count;
        }

        Assert.Equal(800, total);
    }

    private static List<LogMessage> Messages(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => new LogMessage($"k{i % 20}", Encoding.UTF8.GetBytes(i.ToString())))];

    private static async Task WaitForCommittedAsync(RuntimeHarness runtime, long records)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var status = await runtime.Partitions.StatusAsync(CancellationToken.None);
            if (status.Sum(s => s.CommittedOffset) >= records)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"only {status.Sum(s => s.CommittedOffset)} of {records} records committed");
            await Task.Delay(10);
        }
    }
}
