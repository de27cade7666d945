using AdOrleans.Grains.Kpi;
using AdOrleans.Log;
using AdOrleans.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace AdOrleans.Grains.Tests;

/// <summary>Records appended to the log reach the grains through the log stream provider, each exactly once.</summary>
public sealed class LogDeliveryTests : IDisposable
{
    private const string Campaign = "camp-a";
    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task Events_appended_to_the_log_reach_every_consuming_grain_kind_exactly_once()
    {
        await using var running = await Running.StartAsync(_data.Directory);
        var created = await running.Client.GetGrain<ICampaignGrain>(Campaign).CreateAsync(CampaignConfigFor(Campaign));
        Assert.Equal(AdChangeOutcome.Applied, created.Outcome);

        var unique = Batch("a", 240);
        var retries = unique.Where((_, i) => i % 4 == 0).ToList();
        await Events.AppendAsync(running.Store.Log, unique.Take(120));
        await Events.AppendAsync(running.Store.Log, retries.Take(30).Concat(unique.Skip(120)));
        await Events.AppendAsync(running.Store.Log, retries);
        var appended = unique.Concat(retries.Take(30)).Concat(retries).ToList();
        var expected = Events.ExpectedTotals(appended);

        await Eventually.HoldsAsync(() => Events.TotalsReachedAsync(running.Client, expected), "every key's totals count each eventId once");
        await Eventually.HoldsAsync(running.Store.EventsDrainedAsync, "every events queue is checkpointed at the log's end");

        await Events.AssertTotalsAsync(running.Client, expected);
        Assert.Equal(30 + retries.Count, DuplicatesDropped(running));
        foreach (var (key, totals) in expected)
        {
            var kpi = await running.Client.ForLogKey(key, StoreServices.Partitions).GetKpiStatusAsync(key);
            Assert.NotNull(kpi);
            Assert.Equal(totals.Events, kpi.Events);
            Assert.Equal(0, kpi.Duplicates); // the retries never reached the aggregator: the receiver dropped them
        }

        var billed = unique.Where(e => e.CampaignId == Campaign && e.Type == EventTypes.Impression).ToList();
        var live = await running.Client.GetGrain<ICampaignGrain>(Campaign).GetAsync();
        Assert.NotNull(live);
        Assert.Equal(billed.Count, live.Impressions);
        Assert.Equal(billed.Sum(e => e.ChargeMicros), live.SpentMicros);
        Assert.Equal((billed.Count, billed.Sum(e => e.ChargeMicros)), await BillingRowsAsync(running.Store, Campaign));
    }

    [Fact(Timeout = 60_000)]
    public async Task After_the_silo_restarts_retried_eventIds_do_not_count_again_and_new_eventIds_still_count()
    {
        var before = Batch("r", 160);
        var expectedBefore = Events.ExpectedTotals(before);
        await using (var first = await Running.StartAsync(_data.Directory))
        {
            await Events.AppendAsync(first.Store.Log, before);
            await Eventually.HoldsAsync(() => Events.TotalsReachedAsync(first.Client, expectedBefore), "the first run counted every event");
            await Eventually.HoldsAsync(first.Store.EventsDrainedAsync, "the first run checkpointed every events queue");
        }

        await using var second = await Running.StartAsync(_data.Directory);
        await Events.AssertTotalsAsync(second.Client, expectedBefore);

        // Client retries after the restart (same eventIds, appended again), then new events behind them on the same keys.
        var retried = before.Where((_, i) => i % 2 == 0).ToList();
        var after = Batch("n", 80);
        await Events.AppendAsync(second.Store.Log, retried);
        await Events.AppendAsync(second.Store.Log, after.Take(40).Concat(retried.Take(10)).Concat(after.Skip(40)));
        var expected = Events.ExpectedTotals(before.Concat(after));

        await Eventually.HoldsAsync(() => Events.TotalsReachedAsync(second.Client, expected), "the new events are counted");
        await Eventually.HoldsAsync(second.Store.EventsDrainedAsync, "every events queue is checkpointed at the log's end");
        await Events.AssertTotalsAsync(second.Client, expected);
        Assert.Equal(retried.Count + 10, DuplicatesDropped(second)); // read after the restart, and dropped by the receiver
    }

    [Fact(Timeout = 60_000)]
    public async Task Two_silos_on_one_store_and_log_count_every_event_exactly_once_also_when_one_leaves()
    {
        await using var running = await Running.StartAsync(_data.Directory, silos: 2);
        var silos = running.Cluster.Silos.ToList();
        Assert.Equal(2, silos.Count);

        var first = Batch("s", 200);
        await Events.AppendAsync(running.Store.Log, first);
        await Events.AppendAsync(running.Store.Log, first.Where((_, i) => i % 3 == 0));
        var expectedFirst = Events.ExpectedTotals(first);
        await Eventually.HoldsAsync(() => Events.TotalsReachedAsync(running.Client, expectedFirst), "both silos' queues delivered the first batch");
        await Eventually.HoldsAsync(running.Store.EventsDrainedAsync, "every events queue is checkpointed at the log's end");
        await Events.AssertTotalsAsync(running.Client, expectedFirst);
        foreach (var silo in silos)
        {
            var owned = silo.ServiceProvider.GetRequiredService<LogQueueStatuses>().All.Count(q => q.Owned);
            Assert.True(owned > 0, $"silo {silo.SiloAddress} reads no queue: the second silo would prove nothing");
        }

        // One silo leaves: its queues move to the other, which starts from their checkpoints and the stored eventIds.
        await running.Cluster.StopSiloAsync(silos[1]);
        var second = Batch("t", 100);
        await Events.AppendAsync(running.Store.Log, first.Where((_, i) => i % 5 == 0).Concat(second));
        var expected = Events.ExpectedTotals(first.Concat(second));
        await Eventually.HoldsAsync(() => Events.TotalsReachedAsync(running.Client, expected), "the remaining silo delivered the second batch");
        await Eventually.HoldsAsync(running.Store.EventsDrainedAsync, "every events queue is checkpointed at the log's end");
        await Events.AssertTotalsAsync(running.Client, expected);
        Assert.Equal(StoreServices.Partitions * 2, silos[0].ServiceProvider.GetRequiredService<LogQueueStatuses>().All.Count(q => q.Owned));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_record_that_cannot_be_decoded_is_dead_lettered_and_later_events_on_its_partition_still_count()
    {
        await using var running = await Running.StartAsync(_data.Directory);
        const string key = "channel:web";
        var partition = new TopicPartition(Topics.Events, KeyPartitioner.Partition(key, StoreServices.Partitions));
        var garbageOffset = await running.Store.Log.EndOffsetAsync(partition, CancellationToken.None);
        await running.Store.Log.AppendAsync(Topics.Events, [new LogMessage(key, new byte[] { 0xff, 0x00, 0x7b, 0x22, 0x9c })], CancellationToken.None);

        var valid = Enumerable.Range(0, 20).Select(i => Events.New($"web-{i}", "pageview", channel: "web")).ToList();
        await Events.AppendAsync(running.Store.Log, valid);
        var expected = Events.ExpectedTotals(valid);

        await Eventually.HoldsAsync(() => Events.TotalsReachedAsync(running.Client, expected), "the events behind the garbage are counted");
        await Eventually.HoldsAsync(running.Store.EventsDrainedAsync, "every events queue is checkpointed at the log's end");
        await Events.AssertTotalsAsync(running.Client, expected);
        Assert.Equal(1, await running.Store.ReceiverStore.CountDeadLettersAsync(CancellationToken.None));
        var letter = Assert.Single(await running.Store.ReceiverStore.ReadDeadLettersAsync(10, CancellationToken.None));
        Assert.Equal((Topics.Events, partition.Partition, garbageOffset), (letter.Topic, letter.Partition, letter.Offset));
    }

    /// <summary>
    /// <paramref name="count"/> distinct events over campaign keys (one created, one not) and channel keys, with a mix of
    /// types; impressions carry a charge and their own auction, so billing and KPI counts follow the eventIds.
    /// </summary>
    private static List<TrackedEvent> Batch(string prefix, int count)
    {
        string[] types = [EventTypes.Impression, EventTypes.Conversion, "pageview", "like"];
        return [.. Enumerable.Range(0, count).Select(i => (i % 4) switch
        {
            0 => Events.New($"{prefix}-{i}", types[i / 4 % types.Length], campaignId: Campaign, channel: "display", valueMicros: i, chargeMicros: 1_000),
            1 => Events.New($"{prefix}-{i}", types[i / 4 % types.Length], campaignId: "camp-b", channel: "search", valueMicros: i, chargeMicros: 500),
            2 => Events.New($"{prefix}-{i}", types[i / 4 % types.Length], channel: "web", valueMicros: i),
            _ => Events.New($"{prefix}-{i}", types[i / 4 % types.Length], channel: "email", valueMicros: i),
        })];
    }

    /// <summary>Records the silos' receivers read and dropped as client retries (eventId first seen at a lower offset).</summary>
    private static long DuplicatesDropped(Running running) =>
        running.Cluster.Silos.Sum(s => s.ServiceProvider.GetRequiredService<LogQueueStatuses>().All.Sum(q => q.DuplicatesDropped));

    public static CampaignConfig CampaignConfigFor(string id) => new()
    {
        Id = id,
        Name = "Campaign " + id,
        Advertiser = "acme",
        Channel = "display",
        BidType = BidTypes.Cpm,
        BidMicros = 2_000_000,
        TotalBudgetMicros = 1_000_000_000,
        Pacing = PacingModes.Asap,
        Creatives = [new Creative("creative-1", "https://example.test/ad.png", 300, 250)],
    };

    private static async Task<(long Impressions, long SpendMicros)> BillingRowsAsync(StoreServices store, string campaign)
    {
        await using var connection = await store.Store.OpenReadConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(sum(impressions), 0), coalesce(sum(spend_micros), 0) FROM ad_billing WHERE campaign_id = $c";
        command.Parameters.AddWithValue("$c", campaign);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
