using System.Text.Json;
using AdOrleans.Grains.Attribution;
using Microsoft.Extensions.Options;

namespace AdOrleans.Grains.Automation;

/// <summary>
/// <see cref="IAutomationShardGrain"/>. Each call applies the new events (offsets at or below the applied ones are a
/// replay and skipped), then writes the offsets, the changed users and the firings it decided in one transaction, and
/// only then hands the firings to their rule grains (which store them and run the actions). A crash in between leaves
/// the firings in the stored outbox; the next activation hands them over again and the rule grain ignores repeats.
/// Inactivity waits are kept by a grain timer at the earliest due time (kept alive while any wait is open); after a
/// restart <see cref="AutomationWatch"/> wakes every shard, which reloads its waits and re-arms the timer.
/// </summary>
[GrainType(IAutomationShardGrain.GrainType)]
public sealed partial class AutomationShardGrain(
    [PersistentState("state", StorageProviders.PerEvent)] IPersistentState<AutomationShardState> storage,
    ISubStateReader subStates, IOptions<AutomationOptions> options, TimeProvider clock, ILogger<AutomationShardGrain> logger)
    : Grain, IAutomationShardGrain
{
    /// <summary>How soon an outbox the rule grains could not take is tried again.</summary>
    private static readonly TimeSpan HandOverRetry = TimeSpan.FromSeconds(5);

    /// <summary>The timer never sleeps longer than this, so a changed clock or a long wait is re-checked.</summary>
    private static readonly TimeSpan MaxSleep = TimeSpan.FromHours(1);

    private readonly Dictionary<string, AutomationUser> _users = new(StringComparer.Ordinal);
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private AutomationRuleSet? _rules;
    private long _rulesGeneration;
    private IGrainTimer? _timer;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var rows = await Task.Run(() => subStates.ReadAllAsync(IAutomationShardGrain.GrainType, Key, cancellationToken).AsTask(), cancellationToken);
        foreach (var (user, data) in rows)
        {
            if (JsonSerializer.Deserialize(data, AutomationJsonContext.Default.AutomationUser) is { IsEmpty: false } state)
            {
                _users[user] = state;
                Track(user, state);
            }
        }

        Arm();
    }

    public async Task TrackAsync(IReadOnlyList<JourneyEvent> events)
    {
        var rules = await RulesAsync();
        var applied = storage.State.Applied;
        var fired = new List<AutomationFiring>();
        var now = clock.GetUtcNow();
        var any = false;
        foreach (var (partition, offset, e) in events)
        {
            if (applied.TryGetValue(partition, out var last) && offset <= last)
            {
                continue;
            }

            applied[partition] = offset;
            any = true;
            if (rules.Rules.Count > 0 && e.UserId is { } userId && e.Type != EventTypes.Cost)
            {
                var user = _users.GetValueOrDefault(userId) ?? new AutomationUser();
                AutomationEvaluator.Apply(user, userId, e, rules, now, fired);
                Changed(userId, user);
            }
        }

        if (any)
        {
            await CommitAsync(fired);
        }
    }

    public Task RulesChangedAsync()
    {
        _rules = null;
        _rulesGeneration++;
        return Task.CompletedTask;
    }

    public Task WakeAsync() => Task.CompletedTask;

    public async Task<int> EraseUserAsync(string userId)
    {
        var held = _users.Remove(userId) | storage.State.Outbox.RemoveAll(f => f.UserId == userId) > 0;
        _waiting.Remove(userId);
        _changed.Add(userId);
        await CommitAsync([]);
        return held ? 1 : 0;
    }

    /// <summary>Fires the waits that are due, hands over what the outbox still holds, and sleeps until the next wait.</summary>
    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        var rules = await RulesAsync();
        var now = clock.GetUtcNow();
        var fired = new List<AutomationFiring>();
        foreach (var userId in _waiting.ToList())
        {
            var user = _users[userId];
            if (user.Waits.Values.Any(w => w.Due <= now))
            {
                AutomationEvaluator.Due(user, userId, rules, now, fired);
                Changed(userId, user);
            }
        }

        if (_changed.Count > 0)
        {
            await CommitAsync(fired);
        }
        else
        {
            await HandOverAsync();
            Arm();
        }
    }

    private async Task CommitAsync(List<AutomationFiring> fired)
    {
        var state = storage.State;
        state.Outbox.AddRange(fired);
        Evict();
        foreach (var userId in _changed)
        {
            state.PendingRows.Add(_users.TryGetValue(userId, out var user)
                ? new SubStateRow(IAutomationShardGrain.GrainType, Key, userId, JsonSerializer.SerializeToUtf8Bytes(user, AutomationJsonContext.Default.AutomationUser))
                : new SubStateRemoval(IAutomationShardGrain.GrainType, Key, userId));
        }

        _changed.Clear();
        await storage.WriteStateAsync();
        foreach (var firing in fired)
        {
            Log.Fired(logger, firing.RuleId, firing.UserId, firing.Reason, firing.Window);
        }

        await HandOverAsync();
        Arm();
    }

    /// <summary>Gives each rule grain its firings; what they took leaves the outbox (stored with the next write; a repeat is harmless).</summary>
    private async Task HandOverAsync()
    {
        var outbox = storage.State.Outbox;
        foreach (var group in outbox.GroupBy(f => f.RuleId).ToList())
        {
            try
            {
                await GrainFactory.GetGrain<IAutomationRuleGrain>(group.Key).FireAsync([.. group]);
                outbox.RemoveAll(f => f.RuleId == group.Key);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.HandOverFailed(logger, e, group.Key, Key);
            }
        }
    }

    /// <summary>A user whose state became empty is dropped (its row deleted); otherwise kept and its waits indexed.</summary>
    private void Changed(string userId, AutomationUser user)
    {
        _changed.Add(userId);
        if (user.IsEmpty)
        {
            _users.Remove(userId);
            _waiting.Remove(userId);
            return;
        }

        _users[userId] = user;
        Track(userId, user);
    }

    private void Track(string userId, AutomationUser user)
    {
        if (user.Waits.Count > 0)
        {
            _waiting.Add(userId);
        }
        else
        {
            _waiting.Remove(userId);
        }
    }

    /// <summary>Beyond the cap, the least recently seen users are forgotten (their waits and fired windows with them: a documented bound).</summary>
    private void Evict()
    {
        var excess = _users.Count - options.Value.MaxUsersPerShard;
        if (excess <= 0)
        {
            return;
        }

        foreach (var userId in _users.OrderBy(u => u.Value.LastSeen).Take(excess).Select(u => u.Key).ToList())
        {
            _users.Remove(userId);
            _waiting.Remove(userId);
            _changed.Add(userId);
        }
    }

    /// <summary>One timer at the earliest due wait (sooner while the outbox holds firings); none when nothing waits, so the shard may deactivate.</summary>
    private void Arm()
    {
        DateTimeOffset? next = _waiting.Count == 0 ? null : _waiting.Min(u => _users[u].Waits.Values.Min(w => w.Due));
        var now = clock.GetUtcNow();
        if (storage.State.Outbox.Count > 0)
        {
            next = next is { } due && due < now + HandOverRetry ? due : now + HandOverRetry;
        }

        if (next is not { } at)
        {
            _timer?.Dispose();
            _timer = null;
            return;
        }

        var sleep = at - now;
        sleep = sleep < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : sleep > MaxSleep ? MaxSleep : sleep;
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(sleep, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _timer.Change(sleep, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The rules and their segments, cached until the registry says they changed.</summary>
    private async Task<AutomationRuleSet> RulesAsync()
    {
        if (_rules is { } cached)
        {
            return cached;
        }

        var generation = _rulesGeneration;
        var rules = await GrainFactory.GetGrain<IAutomationRegistryGrain>(IAutomationRegistryGrain.Key).ListAsync();
        var segments = new Dictionary<string, SegmentConfig?>(StringComparer.Ordinal);
        foreach (var segment in rules.Select(r => r.SegmentId).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            segments[segment] = await GrainFactory.GetGrain<IUserSegmentGrain>(segment).GetAsync();
        }

        // A change that arrived while this was loading is not cached over: the next call reloads.
        var loaded = new AutomationRuleSet(rules, segments);
        if (generation == _rulesGeneration)
        {
            _rules = loaded;
        }

        return loaded;
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Debug, "Automation rule {RuleId} fired for user {UserId} ({Reason}, window {Window})")]
        public static partial void Fired(ILogger logger, string ruleId, string userId, string reason, long window);

        [LoggerMessage(LogLevel.Warning, "Automation shard {Shard} could not hand firings to rule {RuleId}; it tries again")]
        public static partial void HandOverFailed(ILogger logger, Exception e, string ruleId, string shard);
    }
}
