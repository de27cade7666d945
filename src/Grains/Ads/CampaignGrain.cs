namespace AdOrleans.Grains.Ads;

/// <summary>
/// One campaign. Admin changes arrive as method calls: each is appended to the commands topic, applied and written
/// before the call returns; the same command delivered again by the commands stream is recognised by its id. Tracking
/// events arrive on the events stream and are billed (see the other part of this class). After every write the live
/// state goes to the state topic, which every gateway's auction index follows.
/// </summary>
[GrainType(ICampaignGrain.GrainType)]
[ImplicitStreamSubscription(StreamNamespaces.CampaignCommands)]
[ImplicitStreamSubscription(StreamNamespaces.CampaignEvents)]
public sealed partial class CampaignGrain(
    [PersistentState("state", StorageProviders.PerEvent)] IPersistentState<CampaignGrainState> storage,
    AdCommandLog commands,
    StatePublisher publisher,
    ILogger<CampaignGrain> logger)
    : LogConsumerGrain<CampaignGrainState>(storage, logger), ICampaignGrain
{
    private CampaignLive? _published;

    public Task<CampaignLive?> GetAsync() =>
        Task.FromResult(State.Live is { } live ? live with { LeasedMicros = LeasedMicros(live) } : null);

    public async Task<CampaignChange> CreateAsync(CampaignConfig config)
    {
        if (State.Live is not null || config.Id != GrainKey)
        {
            return new CampaignChange(AdChangeOutcome.Conflict, State.Live);
        }

        var command = commands.New(AdCommandKinds.CreateCampaign) with { Campaign = config };
        return await ExecuteAsync(command);
    }

    public Task<CampaignChange> PauseAsync() => ChangeStatusAsync(AdCommandKinds.Pause);

    public Task<CampaignChange> ResumeAsync() => ChangeStatusAsync(AdCommandKinds.Resume);

    public Task<CampaignChange> StopAsync() => ChangeStatusAsync(AdCommandKinds.Stop);

    public async Task<CampaignChange> SetBudgetAsync(BudgetChange change) => State.Live switch
    {
        null => new CampaignChange(AdChangeOutcome.NotFound, null),
        { Status: CampaignStatuses.Stopped } live => new CampaignChange(AdChangeOutcome.Conflict, live),
        _ => await ExecuteAsync(commands.New(AdCommandKinds.SetBudget) with { Budget = change }),
    };

    private async Task<CampaignChange> ChangeStatusAsync(string kind)
    {
        if (State.Live is not { } live)
        {
            return new CampaignChange(AdChangeOutcome.NotFound, null);
        }

        if (live.Status == CampaignStatuses.Stopped && kind != AdCommandKinds.Stop)
        {
            return new CampaignChange(AdChangeOutcome.Conflict, live);
        }

        return Transition(live.Status, kind) == live.Status
            ? new CampaignChange(AdChangeOutcome.Unchanged, live)
            : await ExecuteAsync(commands.New(kind));
    }

    private async Task<CampaignChange> ExecuteAsync(AdCommand command)
    {
        if (!await commands.TryAppendAsync(GrainKey, command))
        {
            return new CampaignChange(AdChangeOutcome.LogUnavailable, State.Live);
        }

        State.Remember(command.CommandId);
        Apply(command);
        await WriteStateAsync();
        return new CampaignChange(AdChangeOutcome.Applied, State.Live);
    }

    protected override void Apply(LogEntry entry)
    {
        if (entry.Command is { } command)
        {
            if (State.Remember(command.CommandId))
            {
                Apply(command);
            }
        }
        else if (entry.Event is { } tracked)
        {
            Bill(tracked);
        }
    }

    protected override void OnWritten()
    {
        // Lease renewals write the state too; the index only needs the live figures when they changed.
        if (State.Live is { } live && !ReferenceEquals(live, _published))
        {
            _published = live;
            publisher.Publish(GrainKey, new AdStateRecord { Campaign = live });
        }
    }

    private void Apply(AdCommand command)
    {
        var live = State.Live;
        if (command.Kind == AdCommandKinds.CreateCampaign)
        {
            if (live is not null || command.Campaign is null || command.Campaign.Id != GrainKey)
            {
                Log.DuplicateCreate(logger, GrainKey);
                return;
            }

            State.SetLive(new CampaignLive
            {
                Config = command.Campaign,
                Status = command.Campaign.TotalBudgetMicros < command.Campaign.MaxChargeMicros ? CampaignStatuses.Exhausted : CampaignStatuses.Active,
                SpendDay = DateOnly.FromDateTime(command.IssuedAt.UtcDateTime),
                CreatedAt = command.IssuedAt,
                UpdatedAt = command.IssuedAt,
            });
            return;
        }

        if (command is { Kind: AdCommandKinds.SetBudget, Budget: { } budget } && live is not null && live.Status != CampaignStatuses.Stopped)
        {
            State.SetLive(WithBudget(live, budget, command.IssuedAt));
            return;
        }

        if (live is not null && Transition(live.Status, command.Kind) is var status && status != live.Status)
        {
            State.SetLive(live with { Status = status, UpdatedAt = command.IssuedAt });
        }
    }

    private static CampaignLive WithBudget(CampaignLive live, BudgetChange budget, DateTimeOffset at)
    {
        var config = live.Config with
        {
            DailyBudgetMicros = budget.DailyBudgetMicros ?? live.Config.DailyBudgetMicros,
            TotalBudgetMicros = budget.TotalBudgetMicros ?? live.Config.TotalBudgetMicros,
        };
        var canPay = config.TotalBudgetMicros - live.SpentMicros >= config.MaxChargeMicros;
        var status = (live.Status, canPay) switch
        {
            (CampaignStatuses.Exhausted, true) => CampaignStatuses.Active,
            (CampaignStatuses.Active or CampaignStatuses.Paused, false) => CampaignStatuses.Exhausted,
            _ => live.Status,
        };
        return live with { Config = config, Status = status, UpdatedAt = at };
    }

    /// <summary>Stopped is final; exhausted can only be stopped; pause and resume toggle.</summary>
    public static string Transition(string status, string command) => (status, command) switch
    {
        (CampaignStatuses.Stopped, _) => status,
        (_, AdCommandKinds.Stop) => CampaignStatuses.Stopped,
        (CampaignStatuses.Active, AdCommandKinds.Pause) => CampaignStatuses.Paused,
        (CampaignStatuses.Paused, AdCommandKinds.Resume) => CampaignStatuses.Active,
        _ => status,
    };

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Campaign {CampaignId} already exists (or the create was malformed); the create is ignored")]
        public static partial void DuplicateCreate(ILogger logger, string campaignId);
    }
}
