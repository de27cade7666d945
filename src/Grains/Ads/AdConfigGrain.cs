namespace AdOrleans.Grains.Ads;

/// <summary>
/// A grain that holds one piece of ad configuration (a slot, a segment); the last put wins. A put goes on the
/// commands topic (keyed <see cref="LogKeyPrefix"/> + id) before it applies; after every write the configuration
/// goes to the state topic for the gateways' auction index.
/// </summary>
public abstract class AdConfigGrain<TState, TConfig>(IPersistentState<TState> storage, AdCommandLog commands, StatePublisher publisher, ILogger logger)
    : LogConsumerGrain<TState>(storage, logger)
    where TState : AdConfigState<TConfig>, new()
    where TConfig : class
{
    protected abstract string CommandKind { get; }

    protected abstract string LogKeyPrefix { get; }

    /// <summary>The command that puts <paramref name="config"/> (its id set to this grain's key).</summary>
    protected abstract AdCommand PutCommand(AdCommand command, TConfig config);

    /// <summary>The configuration a put command carries, or null for any other command.</summary>
    protected abstract TConfig? ConfigOf(AdCommand command);

    protected abstract AdStateRecord Published(TConfig config);

    public Task<TConfig?> GetAsync() => Task.FromResult(State.Config);

    public async Task<AdChangeOutcome> PutAsync(TConfig config)
    {
        var command = PutCommand(commands.New(CommandKind), config);
        if (!await commands.TryAppendAsync(LogKeyPrefix + GrainKey, command))
        {
            return AdChangeOutcome.LogUnavailable;
        }

        State.Remember(command.CommandId);
        State.Config = ConfigOf(command);
        await WriteStateAsync();
        return AdChangeOutcome.Applied;
    }

    protected override void Apply(LogEntry entry)
    {
        if (entry.Command is { } command && command.Kind == CommandKind && ConfigOf(command) is { } config && State.Remember(command.CommandId))
        {
            State.Config = config;
        }
    }

    protected override void OnWritten()
    {
        if (State.Config is { } config)
        {
            publisher.Publish(LogKeyPrefix + GrainKey, Published(config));
        }
    }
}

/// <summary>The stored state of an <see cref="AdConfigGrain{TState, TConfig}"/>; subclasses name the JSON property.</summary>
public abstract class AdConfigState<TConfig> : AdEntityState
    where TConfig : class
{
    [System.Text.Json.Serialization.JsonIgnore]
    public abstract TConfig? Config { get; set; }
}
