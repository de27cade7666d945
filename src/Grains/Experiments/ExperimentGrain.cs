using AdOrleans.Grains.Ads;

namespace AdOrleans.Grains.Experiments;

/// <summary>
/// One A/B experiment. The create goes on the commands topic (keyed <c>experiment:&lt;id&gt;</c>) before it applies,
/// like the other ad configuration; after every write the experiment goes to the state topic, where each gateway's
/// auction index picks it up and starts assigning users. The decision is state, not a command: it is derived from
/// the counts at the horizon and recorded once (docs/experiments.md).
/// </summary>
[GrainType(ExperimentConfig.GrainType)]
[ImplicitStreamSubscription(StreamNamespaces.ExperimentCommands)]
public sealed class ExperimentGrain(
    [PersistentState("state", StorageProviders.PerCommand)] IPersistentState<ExperimentGrainState> storage,
    AdCommandLog commands,
    StatePublisher publisher,
    ILogger<ExperimentGrain> logger)
    : LogConsumerGrain<ExperimentGrainState>(storage, logger), IExperimentGrain
{
    public Task<ExperimentLive?> GetAsync() => Task.FromResult(State.Experiment);

    public async Task<AdChangeOutcome> CreateAsync(ExperimentConfig config)
    {
        if (State.Experiment is not null)
        {
            return AdChangeOutcome.Conflict;
        }

        var command = commands.New(AdCommandKinds.CreateExperiment);
        command = command with { Experiment = config with { Id = GrainKey, StartedAt = command.IssuedAt } };
        if (!await commands.TryAppendAsync(ExperimentConfig.KeyPrefix + GrainKey, command))
        {
            return AdChangeOutcome.LogUnavailable;
        }

        State.Remember(command.CommandId);
        State.Experiment = new ExperimentLive(command.Experiment, null);
        await WriteStateAsync();
        return AdChangeOutcome.Applied;
    }

    public async Task<ExperimentDecision?> DecideAsync(ExperimentDecision decision)
    {
        if (State.Experiment is not { } live || live.Decision is not null)
        {
            return State.Experiment?.Decision;
        }

        State.Experiment = live with { Decision = decision };
        await WriteStateAsync();
        return decision;
    }

    /// <summary>The first create in log order wins; a later one for the same id (a racing gateway) is ignored.</summary>
    protected override void Apply(LogEntry entry)
    {
        if (entry.Command is { Kind: AdCommandKinds.CreateExperiment, Experiment: { } config } command
            && State.Remember(command.CommandId) && State.Experiment is null)
        {
            State.Experiment = new ExperimentLive(config, null);
        }
    }

    protected override void OnWritten()
    {
        if (State.Experiment is { } live)
        {
            publisher.Publish(ExperimentConfig.KeyPrefix + GrainKey, new AdStateRecord { Experiment = live });
        }
    }
}

public sealed class ExperimentGrainState : AdEntityState
{
    public ExperimentLive? Experiment { get; set; }
}
