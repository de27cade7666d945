using AdOrleans.Grains.Kpi;

namespace AdOrleans.Grains.Tests;

/// <summary>The cluster's KPI change relay: how committed buckets reach the processes that stream them.</summary>
public sealed class KpiChangeRelayTests : IDisposable
{
    private static readonly KpiBucketKey Bucket = new(KpiDimensions.Campaign, "c-1", KpiGranularity.Minute, 1_700_000_040);

    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task Buckets_one_process_published_reach_the_other_listening_processes_and_a_gap_reaches_those_without_clients()
    {
        await using var running = await Running.StartAsync(_data.Directory);
        var hub = running.Client.Hub();
        var (publisher, listening, idle) = (new Receiver(), new Receiver(), new Receiver());
        await hub.SubscribeAsync("publisher", running.Client.CreateObjectReference<IKpiChangeReceiver>(publisher), listening: true);
        await hub.SubscribeAsync("listening", running.Client.CreateObjectReference<IKpiChangeReceiver>(listening), listening: true);
        await hub.SubscribeAsync("idle", running.Client.CreateObjectReference<IKpiChangeReceiver>(idle), listening: false);

        await hub.PublishAsync("publisher", [Bucket]);

        Assert.Equal([Bucket], await listening.Changed.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        await idle.Gap.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(idle.Changed.Task.IsCompleted);
        // The hub forwards to the other receivers in one turn; by now it has decided not to send the publisher anything.
        await hub.IsWantedAsync();
        Assert.False(publisher.Changed.Task.IsCompleted || publisher.Gap.Task.IsCompleted);
    }

    [Fact(Timeout = 60_000)]
    public async Task Silos_are_wanted_to_record_changes_only_while_some_process_has_stream_clients_and_a_renewal_says_whether_the_hub_knew_the_receiver()
    {
        await using var running = await Running.StartAsync(_data.Directory);
        var hub = running.Client.Hub();
        var receiver = running.Client.CreateObjectReference<IKpiChangeReceiver>(new Receiver());

        var first = await hub.SubscribeAsync("gateway", receiver, listening: false);
        Assert.Equal(new KpiRelayLease(Known: false, Wanted: false), first);
        Assert.False(await hub.IsWantedAsync());

        var renewed = await hub.SubscribeAsync("gateway", receiver, listening: true);
        Assert.Equal(new KpiRelayLease(Known: true, Wanted: true), renewed);
        Assert.True(await hub.IsWantedAsync());
    }

    private sealed class Receiver : IKpiChangeReceiver
    {
        public TaskCompletionSource<KpiBucketKey[]> Changed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Gap { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task OnChangedAsync(KpiBucketKey[] buckets)
        {
            Changed.TrySetResult(buckets);
            return Task.CompletedTask;
        }

        public Task OnGapAsync()
        {
            Gap.TrySetResult();
            return Task.CompletedTask;
        }

        public Task OnAlertAsync(AdOrleans.Grains.Alerts.Alert alert) => Task.CompletedTask;
    }
}
