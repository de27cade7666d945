using AdOrleans.Grains.Attribution;
using Microsoft.Extensions.Options;

namespace AdOrleans.Grains.Ctr;

/// <summary>
/// Trains the CTR model online on every impression and click (docs/ctr.md). Training happens in memory; every
/// <see cref="CtrOptions.PublishInterval"/> the model is saved and then published on the state topic, so a gateway
/// only ever scores with a model a restart would bring back. A crash loses the training since the last save: the
/// aggregators have committed those events, nothing replays them (a statistical model shrugs that off; billing does not).
/// </summary>
[GrainType(ICtrModelGrain.GrainType)]
public sealed partial class CtrModelGrain(
    [PersistentState("state", StorageProviders.PerCommand)] IPersistentState<CtrModelState> storage,
    IOptions<CtrOptions> options,
    Ads.StatePublisher publisher,
    ILogger<CtrModelGrain> logger)
    : Grain, ICtrModelGrain
{
    private readonly FtrlLearner _learner = new(options.Value.Ftrl);
    private CtrModelSnapshot? _published;
    private bool _dirty;

    private CtrModelState State => storage.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Coordinates is { } stored)
        {
            if (_learner.Import(stored))
            {
                // Republishing the stored model is harmless (latest per key) and covers a crash between save and publish.
                Publish();
            }
            else
            {
                Log.BitsChanged(logger, stored.Bits, options.Value.Bits);
                State.Applied.Clear();
            }
        }

        var interval = options.Value.PublishInterval;
        this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => SaveAsync(cancellationToken);

    public Task TrainAsync(IReadOnlyList<JourneyEvent> events)
    {
        Span<int> features = stackalloc int[CtrFeatures.MaxFeatures];
        foreach (var (partition, offset, e) in events)
        {
            if (State.Applied.TryGetValue(partition, out var applied) && offset <= applied)
            {
                continue;
            }

            State.Applied[partition] = offset;
            if (!CtrExamples.Trains(e))
            {
                continue;
            }

            var count = CtrExamples.Features(features, _learner.Settings.Bits, e);
            if (e.Type == EventTypes.Click)
            {
                _learner.Click(features[..count]);
            }
            else
            {
                _learner.Impression(features[..count]);
            }

            _dirty = true;
        }

        return Task.CompletedTask;
    }

    public Task<CtrModelSnapshot?> PublishedAsync() => Task.FromResult(_published);

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        State.Coordinates = _learner.Export();
        State.Version++;
        try
        {
            await storage.WriteStateAsync(cancellationToken);
        }
        catch
        {
            _dirty = true;
            throw;
        }

        Publish();
    }

    private void Publish()
    {
        var (indices, weights) = _learner.NonZeroWeights();
        _published = new CtrModelSnapshot
        {
            Version = State.Version, Bits = _learner.Settings.Bits, Impressions = _learner.Impressions, Clicks = _learner.Clicks,
            Indices = indices, Weights = weights,
        };
        publisher.Publish(CtrModelSnapshot.StateKey, new AdStateRecord { CtrModel = _published });
        Log.Published(logger, State.Version, _learner.Impressions, _learner.Clicks, indices.Length);
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "The stored CTR model has {StoredBits} bits, Ctr:Bits is {Bits}: training a fresh model")]
        public static partial void BitsChanged(ILogger logger, int storedBits, int bits);

        [LoggerMessage(LogLevel.Debug, "Published CTR model v{Version}: {Impressions} impressions, {Clicks} clicks, {Weights} non-zero weights")]
        public static partial void Published(ILogger logger, long version, long impressions, long clicks, int weights);
    }
}
