namespace AdOrleans.Grains.Automation;

[GenerateSerializer]
public sealed class AutomationRuleState
{
    public const int MaxFirings = 100;
    public const int MaxAttempts = 20;

    [Id(0)] public AutomationRule? Rule { get; set; }

    /// <summary>Oldest first, the last <see cref="MaxFirings"/>, each with its attempts.</summary>
    [Id(1)] public List<AutomationFiring> Firings { get; set; } = [];

    [Id(2)] public long Total { get; set; }
}

/// <summary>
/// <see cref="IAutomationRuleGrain"/>: stores the rule, and each firing the shards hand it before its action starts
/// (off the turn, <see cref="AutomationActions"/>), then every attempt of that action.
/// </summary>
[GrainType(IAutomationRuleGrain.GrainType)]
public sealed class AutomationRuleGrain(
    [PersistentState("state", StorageProviders.PerCommand)] IPersistentState<AutomationRuleState> storage, AutomationActions actions)
    : Grain, IAutomationRuleGrain
{
    private AutomationRuleState State => storage.State;

    public async Task ConfigureAsync(AutomationRule rule)
    {
        storage.State = new AutomationRuleState { Rule = rule };
        await storage.WriteStateAsync();
    }

    /// <summary>The group-commit storage cannot clear state: an empty state is written instead.</summary>
    public async Task RemoveAsync()
    {
        storage.State = new AutomationRuleState();
        await storage.WriteStateAsync();
        DeactivateOnIdle();
    }

    public Task<AutomationRule?> GetAsync() => Task.FromResult(State.Rule);

    public async Task FireAsync(IReadOnlyList<AutomationFiring> firings)
    {
        if (State.Rule is not { } rule)
        {
            return;
        }

        var fresh = firings.Where(f => !State.Firings.Exists(s => s.Id == f.Id)).DistinctBy(f => f.Id).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        State.Firings.AddRange(fresh.Select(f => f with { Attempts = [] }));
        State.Total += fresh.Count;
        if (State.Firings.Count > AutomationRuleState.MaxFirings)
        {
            State.Firings.RemoveRange(0, State.Firings.Count - AutomationRuleState.MaxFirings);
        }

        await storage.WriteStateAsync();
        foreach (var firing in fresh)
        {
            actions.Start(rule, firing);
        }
    }

    public Task<AutomationFirings> FiringsAsync() =>
        Task.FromResult(new AutomationFirings(State.Total, [.. Enumerable.Reverse(State.Firings)]));

    public async Task<int> EraseUserAsync(string userId)
    {
        var erased = State.Firings.RemoveAll(f => f.UserId == userId);
        if (erased > 0)
        {
            await storage.WriteStateAsync();
        }

        return erased;
    }

    public async Task RecordAttemptAsync(string firingId, AutomationAttempt attempt)
    {
        var index = State.Firings.FindIndex(f => f.Id == firingId);
        if (index < 0)
        {
            return;
        }

        var firing = State.Firings[index];
        State.Firings[index] = firing with { Attempts = [.. (firing.Attempts ?? []).TakeLast(AutomationRuleState.MaxAttempts - 1), attempt] };
        await storage.WriteStateAsync();
    }
}
