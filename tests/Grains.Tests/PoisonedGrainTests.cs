using AdOrleans.Grains.Kpi;
using AdOrleans.Grains.Streams;
using AdOrleans.Log;
using AdOrleans.Persistence;
using Orleans.Storage;

namespace AdOrleans.Grains.Tests;

/// <summary>
/// A grain whose deliveries keep failing: Orleans' pulling agent retries each delivery for
/// <c>Streams:MaxDeliveryTime</c>, then calls the stream failure handler and moves the stream on, and the queue
/// checkpoint then passes those records. The product's handler writes a durable dead letter first, so nothing is
/// lost silently; the other streams of the partition, and the other grain kinds of the same key (the partition's
/// event aggregator), are unaffected. The poisoned grain is a campaign: its stream carries its billable events.
/// </summary>
public sealed class PoisonedGrainTests : IDisposable
{
    private const string Poisoned = "c-poison";
    private const int EventsPerKey = 24;
    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact(Timeout = 90_000)]
    public async Task A_grain_whose_writes_keep_failing_is_dead_lettered_and_its_partition_its_other_streams_and_other_grain_kinds_go_on()
    {
        const int partitions = StoreServices.Partitions;
        var poisonedPartition = new TopicPartition(Topics.Events, KeyPartitioner.Partition(Poisoned, partitions));
        string[] samePartition = [.. Enumerable.Range(0, 1_000).Select(i => $"c-same-{i}")
            .Where(k => KeyPartitioner.Partition(k, partitions) == poisonedPartition.Partition).Take(2)];
        string[] otherPartitions = [.. Enumerable.Range(0, 1_000).Select(i => $"c-other-{i}")
            .Where(k => KeyPartitioner.Partition(k, partitions) != poisonedPartition.Partition)
            .DistinctBy(k => KeyPartitioner.Partition(k, partitions)).Take(partitions - 1)];
        Assert.Equal(2, samePartition.Length);
        Assert.Equal(partitions - 1, otherPartitions.Length);
        string[] keys = [Poisoned, .. samePartition, .. otherPartitions];

        var failing = new FailingWrites(ICampaignGrain.GrainType, Poisoned);
        await using var running = await Running.StartAsync(_data.Directory,
            settings: new Dictionary<string, string?> { ["Streams:MaxDeliveryTime"] = "00:00:02" },
            decorateStorage: failing.Wrap);
        var campaign = running.Client.GetGrain<ICampaignGrain>(Poisoned);
        Assert.Equal(AdChangeOutcome.Applied, (await campaign.CreateAsync(LogDeliveryTests.CampaignConfigFor(Poisoned))).Outcome);
        var commands = new TopicPartition(Topics.Commands, KeyPartitioner.Partition(Poisoned, partitions));
        await Eventually.HoldsAsync(async () => await running.Store.CheckpointAsync(commands) == await running.Store.Log.EndOffsetAsync(commands, CancellationToken.None),
            "the campaign's create command came back through its commands stream (before its writes start failing)");
        failing.Arm();

        // Throughout, the checkpoint may pass a poisoned round's first record only once its dead letter is durable
        // (checkpoint read first, then the letters: a letter written before the checkpoint moved is then seen).
        var firstPoisonedOffsets = new List<long>();
        using var stopWatching = new CancellationTokenSource(TimeSpan.FromSeconds(85)); // also ends the watcher if the test fails first
        var watcher = Task.Run(async () =>
        {
            while (!stopWatching.IsCancellationRequested)
            {
                var checkpoint = await running.Store.CheckpointAsync(poisonedPartition);
                long[] passed;
                lock (firstPoisonedOffsets)
                {
                    passed = [.. firstPoisonedOffsets.Where(o => o < checkpoint)];
                }

                var letters = await PoisonedLettersAsync(running.Store);
                foreach (var offset in passed)
                {
                    Assert.True(letters.Any(l => l.Offset == offset),
                        $"the checkpoint ({checkpoint}) passed the poisoned record at offset {offset} before its dead letter was written");
                }

                await Task.Delay(10);
            }
        });

        // Two rounds: the second is appended only after the first round's dead letter, so it proves the poisoned
        // stream itself was moved on (its next records are delivered, and dead-lettered, again).
        var appended = new List<TrackedEvent>();
        for (var round = 0; round < 2; round++)
        {
            var start = await running.Store.Log.EndOffsetAsync(poisonedPartition, CancellationToken.None);
            var batch = Interleaved(keys, $"p{round}");
            await Events.AppendAsync(running.Store.Log, batch);
            appended.AddRange(batch);
            var offsets = await OffsetsOfAsync(running.Store.Log, poisonedPartition, start, Poisoned);
            Assert.Equal(EventsPerKey, offsets.Count);
            lock (firstPoisonedOffsets)
            {
                firstPoisonedOffsets.Add(offsets[0]);
            }

            await Eventually.HoldsAsync(async () => (await PoisonedLettersAsync(running.Store)).Any(l => l.Offset == offsets[0]),
                $"round {round}: the poisoned stream's delivery from {poisonedPartition.Topic}[{poisonedPartition.Partition}]@{offsets[0]} is dead-lettered");
        }

        Assert.True(failing.Failures > 0, "the poisoned grain's writes never failed: the test proves nothing");

        // (1) Dead letters: only the poisoned stream, each at the first offset of one of its containers.
        var allPoisonedOffsets = await OffsetsOfAsync(running.Store.Log, poisonedPartition, 0, Poisoned);
        var letters = await running.Store.ReceiverStore.ReadDeadLettersAsync(1_000, CancellationToken.None);
        var stream = StreamId.Create(StreamNamespaces.CampaignEvents, Poisoned).ToString();
        Assert.Equal($"{StreamNamespaces.CampaignEvents}/{Poisoned}", stream);
        Assert.NotEmpty(letters);
        Assert.All(letters, l =>
        {
            Assert.Equal(stream, l.Consumer); // only the failing grain kind is dead-lettered
            Assert.Equal((Topics.Events, poisonedPartition.Partition), (l.Topic, l.Partition));
            Assert.Contains(l.Offset, allPoisonedOffsets);
        });
        Assert.All(firstPoisonedOffsets, o => Assert.Contains(letters, l => l.Offset == o));

        // (2) Every key's totals are exact, also the ones behind the poisoned records on their partition, and the
        // poisoned key's own: the partition's aggregator is another grain kind.
        var expected = Events.ExpectedTotals(appended);
        await Eventually.HoldsAsync(() => Events.TotalsReachedAsync(running.Client, expected), "every key's totals count each of its events once");
        await Events.AssertTotalsAsync(running.Client, expected);

        // (3) The poisoned partition's checkpoint reached the log's end: the stream went on, the queue did not stall.
        await Eventually.HoldsAsync(async () => await running.Store.CheckpointAsync(poisonedPartition) == await running.Store.Log.EndOffsetAsync(poisonedPartition, CancellationToken.None),
            $"the checkpoint of {poisonedPartition.Topic}[{poisonedPartition.Partition}] reached the log's end");
        await Eventually.HoldsAsync(running.Store.EventsDrainedAsync, "every events queue is checkpointed at the log's end");

        // (4) The KPI aggregation of the poisoned key counted its events; the poisoned campaign never stored a charge.
        var poisonedEvents = appended.Where(e => e.PartitionKey == Poisoned).ToList();
        var kpi = await running.Client.ForLogKey(Poisoned, partitions).GetKpiStatusAsync(Poisoned);
        Assert.Equal(poisonedEvents.Count, kpi?.Events);
        Assert.Equal((0L, 0L), await StoredChargesAsync(running.Store, Poisoned));

        await stopWatching.CancelAsync();
        await watcher; // rethrows a violation seen while the stream was moving on

        // No delivery failed but the poisoned one's: the dead letters are still exactly the poisoned stream's.
        Assert.All(await running.Store.ReceiverStore.ReadDeadLettersAsync(1_000, CancellationToken.None), l => Assert.Equal(stream, l.Consumer));
    }

    /// <summary><see cref="EventsPerKey"/> events per key, the keys' events interleaved (so one poll mixes them).</summary>
    private static List<TrackedEvent> Interleaved(string[] keys, string prefix)
    {
        string[] types = [EventTypes.Impression, EventTypes.Conversion, "pageview", "like"];
        return [.. Enumerable.Range(0, EventsPerKey).SelectMany(i => keys.Select(k =>
            Events.New($"{prefix}-{k}-{i}", types[i % types.Length], campaignId: k, channel: "display", valueMicros: 10 + i, chargeMicros: 1_000)))];
    }

    private static async Task<IReadOnlyList<DeadLetter>> PoisonedLettersAsync(StoreServices store)
    {
        var stream = StreamId.Create(StreamNamespaces.CampaignEvents, Poisoned).ToString();
        return [.. (await store.ReceiverStore.ReadDeadLettersAsync(1_000, CancellationToken.None)).Where(l => l.Consumer == stream)];
    }

    /// <summary>Impressions and spend in the campaign's stored state (not its activation's memory, which ran ahead of the failed writes).</summary>
    private static async Task<(long Impressions, long Spent)> StoredChargesAsync(StoreServices store, string campaign)
    {
        var stored = await store.Store.ReadAsync(new StateId(ICampaignGrain.GrainType, campaign), CancellationToken.None);
        Assert.NotNull(stored);
        var live = System.Text.Json.JsonDocument.Parse(stored.Data).RootElement.GetProperty("live");
        return (live.GetProperty("impressions").GetInt64(), live.GetProperty("spentMicros").GetInt64());
    }

    /// <summary>The offsets of <paramref name="key"/>'s records in <paramref name="partition"/> from <paramref name="from"/> to the end.</summary>
    private static async Task<List<long>> OffsetsOfAsync(IPartitionedLog log, TopicPartition partition, long from, string key)
    {
        var end = await log.EndOffsetAsync(partition, CancellationToken.None);
        using var reader = log.OpenReader(partition, from);
        var records = new List<LogRecord>();
        while (reader.Position < end && reader.Read(records, 1_000) > 0)
        {
        }

        return [.. records.Where(r => r.Key == key).Select(r => r.Offset)];
    }

    /// <summary>Test-only grain storage: once armed, every write of one grain (type + key) fails; everything else goes to the real storage.</summary>
    private sealed class FailingWrites(string grainType, string key)
    {
        private int _failures;
        private volatile bool _armed;

        public void Arm() => _armed = true;

        public int Failures => Volatile.Read(ref _failures);

        public IGrainStorage Wrap(IGrainStorage inner) => new Storage(this, inner);

        private bool Fails(GrainId grainId) => _armed && grainId.Type.ToString() == grainType && grainId.Key.ToString() == key;

        private sealed class Storage(FailingWrites owner, IGrainStorage inner) : IGrainStorage
        {
            public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
                inner.ReadStateAsync(stateName, grainId, grainState);

            public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
            {
                if (owner.Fails(grainId))
                {
                    Interlocked.Increment(ref owner._failures);
                    return Task.FromException(new IOException($"Injected write failure for {grainId}."));
                }

                return inner.WriteStateAsync(stateName, grainId, grainState);
            }

            public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
                inner.ClearStateAsync(stateName, grainId, grainState);
        }
    }
}
