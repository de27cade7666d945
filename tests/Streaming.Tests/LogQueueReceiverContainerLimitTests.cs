using AdOrleans.Grains;
using AdOrleans.Grains.Streams;
using AdOrleans.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace AdOrleans.Streaming.Tests;

/// <summary>
/// A poll reads up to <see cref="LogStreamOptions.MaxRecordsPerPoll"/> records and makes at most as many containers as
/// Orleans' cache takes in one add; records beyond that wait for the next poll, and the checkpoint never passes them.
/// </summary>
public sealed class LogQueueReceiverContainerLimitTests
{
    [Fact]
    public async Task A_poll_of_one_campaigns_pageviews_reads_MaxRecordsPerPoll_records_into_one_container_however_small_the_add_limit()
    {
        await using var rig = new ReceiverRig();
        rig.Options.MaxRecordsPerPoll = 50;
        await rig.AppendPageviewsAsync([.. Enumerable.Range(0, 60).Select(i => $"e-{i}")]);
        var receiver = await rig.StartReceiverAsync();

        var read = await receiver.GetQueueMessagesAsync(4, CancellationToken.None);

        var container = Assert.Single(read);
        Assert.Equal(50, ((LogBatchContainer)container).Entries.Length);
    }

    [Fact]
    public async Task Records_beyond_the_add_limit_come_with_the_next_poll_and_the_checkpoint_stays_before_them()
    {
        await using var rig = new ReceiverRig();
        await rig.AppendAsync(("e-1", "impression", "c-a"), ("e-2", "impression", "c-b"), ("e-3", "impression", "c-c"), ("e-4", "impression", "c-d"));
        var receiver = await rig.StartReceiverAsync();

        // Each impression goes to the partition's aggregator and to its campaign: three containers hold two of them.
        var first = await receiver.GetQueueMessagesAsync(3, CancellationToken.None);
        Assert.Equal(3, first.Count);
        Assert.Equal(["e-1", "e-2"], ReceiverRig.EventIds(first));

        await Eventually.TrueAsync(async () =>
        {
            await receiver.MessagesDeliveredAsync(first);
            return await rig.Sqlite.ReadOffsetAsync(rig.Options.CheckpointGroup, ReceiverRig.Partition, CancellationToken.None) > 0;
        }, what: "a stored checkpoint");
        Assert.Equal(2, await rig.Sqlite.ReadOffsetAsync(rig.Options.CheckpointGroup, ReceiverRig.Partition, CancellationToken.None));

        var second = await receiver.GetQueueMessagesAsync(3, CancellationToken.None);
        Assert.Equal(["e-3", "e-4"], ReceiverRig.EventIds(second));
    }

    [Fact]
    public void Every_record_reaches_each_of_its_streams_once_and_in_order_whatever_the_poll_size_and_add_limit()
    {
        var record = from type in Gen.Elements("pageview", "impression", "click") from campaign in Gen.Choose(0, 5) select (type, $"c-{campaign}");
        var cases = from records in Gen.Choose(1, 30).SelectMany(n => record.ArrayOf(n))
                    from maxCount in Gen.Choose(1, 5)
                    from pollSize in Gen.Choose(1, 12)
                    select (records, maxCount, pollSize);

        Prop.ForAll(cases.ToArbitrary(), run => Check(run.records, run.maxCount, run.pollSize).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    private static async Task Check((string Type, string Campaign)[] records, int maxCount, int pollSize)
    {
        await using var rig = new ReceiverRig();
        rig.Options.MaxRecordsPerPoll = pollSize;
        await rig.AppendAsync([.. records.Select((r, i) => ($"e-{i}", r.Type, r.Campaign))]);
        var receiver = await rig.StartReceiverAsync();
        var byStream = new Dictionary<string, List<long>>();
        var aggregator = $"{StreamNamespaces.EventAggregates}/{EventAggregators.KeyOf(0)}";
        for (var poll = 0; poll < records.Length * 2 + 2 && byStream.GetValueOrDefault(aggregator)?.Count != records.Length; poll++)
        {
            var read = (await receiver.GetQueueMessagesAsync(maxCount, CancellationToken.None)).Cast<LogBatchContainer>().ToList();
            var offsets = read.SelectMany(c => c.Entries).Select(e => e.Offset).Distinct().Count();
            // Only a poll's first record may take it over the limit, when it alone goes to more streams than that.
            Assert.True(read.Count <= maxCount || offsets == 1);
            Assert.True(offsets <= pollSize);
            foreach (var container in read)
            {
                var stream = $"{container.StreamId.GetNamespace()}/{container.StreamId.GetKeyAsString()}";
                byStream.TryAdd(stream, []);
                byStream[stream].AddRange(container.Entries.Select(e => e.Offset));
            }

            await receiver.MessagesDeliveredAsync([.. read]);
        }

        Assert.Equal(Enumerable.Range(0, records.Length).Select(i => (long)i), byStream.GetValueOrDefault(aggregator) ?? []);
        foreach (var campaign in records.Select(r => r.Campaign).Distinct())
        {
            var expected = records.Select((r, i) => (r, Offset: (long)i)).Where(x => x.r.Campaign == campaign && x.r.Type != "pageview").Select(x => x.Offset);
            Assert.Equal(expected, byStream.GetValueOrDefault($"{StreamNamespaces.CampaignEvents}/{campaign}") ?? []);
        }
    }
}
