namespace AdOrleans.Grains.Tests;

/// <summary>Orleans runs one turn of a grain at a time, also across the awaits inside a turn.</summary>
public sealed class TurnIsolationTests : IDisposable
{
    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task Concurrent_creates_of_one_campaign_apply_exactly_once_although_each_awaits_the_log_between_check_and_apply()
    {
        await using var running = await Running.StartAsync(_data.Directory);
        const string id = "camp-race";
        var grain = running.Client.GetGrain<ICampaignGrain>(id);

        // CreateAsync checks that the campaign does not exist, awaits the durable log append, then applies: if two
        // calls could interleave at that await, more than one would be applied.
        var changes = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => grain.CreateAsync(LogDeliveryTests.CampaignConfigFor(id))));

        Assert.Single(changes, c => c.Outcome == AdChangeOutcome.Applied);
        Assert.Equal(31, changes.Count(c => c.Outcome == AdChangeOutcome.Conflict));
        var commands = await running.Store.Log.EndOffsetAsync(new Log.TopicPartition(Topics.Commands, Log.KeyPartitioner.Partition(id, StoreServices.Partitions)), CancellationToken.None);
        Assert.Equal(1, commands);
    }
}
