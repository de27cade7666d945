namespace AdOrleans.Grains.Privacy;

/// <summary>
/// Runs one erasure job in the background, store by store in <see cref="ErasureStores.All"/> order, storing its
/// progress after each. A job interrupted by a crash resumes at its first unfinished store when it is next activated
/// (a status request activates it). The user id is dropped from the job's state before the last store (the state
/// store's scrub), so the job's own row does not keep it.
/// </summary>
[GrainType(IUserErasureGrain.GrainType)]
public sealed partial class UserErasureGrain(
    [PersistentState("state", StorageProviders.PerCommand)] IPersistentState<UserErasureState> storage,
    ErasureSteps steps,
    TimeProvider clock,
    ILogger<UserErasureGrain> logger)
    : Grain, IUserErasureGrain
{
    /// <summary>How long one store's step keeps the activation from idle collection (a large lake is read whole).</summary>
    private static readonly TimeSpan StepAllowance = TimeSpan.FromHours(1);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (storage.RecordExists && storage.State.State is ErasureStates.Queued or ErasureStates.Running)
        {
            Log.Resuming(logger, this.GetPrimaryKeyString());
            _ = RunAsync();
        }

        return Task.CompletedTask;
    }

    public async Task StartAsync(string userId)
    {
        if (storage.RecordExists)
        {
            return;
        }

        storage.State = new UserErasureState
        {
            UserId = userId,
            QueuedAt = clock.GetUtcNow(),
            Stores = [.. ErasureStores.All.Select(s => new ErasureStoreProgress(s, ErasureStates.Queued, 0, null))],
        };
        await storage.WriteStateAsync();
        _ = RunAsync();
    }

    public Task<ErasureJob?> GetAsync()
    {
        var s = storage.State;
        return Task.FromResult(storage.RecordExists
            ? new ErasureJob(this.GetPrimaryKeyString(), s.State, [.. s.Stores], s.QueuedAt, s.StartedAt, s.CompletedAt, [.. s.Errors])
            : null);
    }

    private async Task RunAsync()
    {
        var job = this.GetPrimaryKeyString();
        var state = storage.State;
        try
        {
            (state.State, state.StartedAt) = (ErasureStates.Running, state.StartedAt ?? clock.GetUtcNow());
            await storage.WriteStateAsync();
            for (var i = 0; i < state.Stores.Count; i++)
            {
                var store = state.Stores[i].Store;
                if (state.Stores[i].State is ErasureStates.Completed or ErasureStates.Skipped)
                {
                    continue;
                }

                if (store == ErasureStores.Storage)
                {
                    state.UserId = null;
                }

                // The job is background work, not a request: without this an idle-collection could stop a long step.
                DelayDeactivation(StepAllowance);
                state.Stores[i] = state.Stores[i] with { State = ErasureStates.Running };
                await storage.WriteStateAsync();
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var done = await steps.RunAsync(store, state.UserId, CancellationToken.None);
                state.Stores[i] = done with { ElapsedMs = (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds };
                Log.StoreDone(logger, job, store, done.State, done.Erased, state.Stores[i].ElapsedMs);
                await storage.WriteStateAsync();
            }

            (state.State, state.CompletedAt) = (ErasureStates.Completed, clock.GetUtcNow());
            await storage.WriteStateAsync();
            Log.Completed(logger, job, (long)(state.CompletedAt.Value - state.StartedAt!.Value).TotalMilliseconds);
        }
        catch (Exception e)
        {
            Log.Failed(logger, e, job);
            state.Errors.Add(e.Message);
            state.Stores = [.. state.Stores.Select(s => s.State == ErasureStates.Running ? s with { State = ErasureStates.Failed } : s)];

            // A re-run is a new DELETE, which names the user again: this job's row need not keep the id.
            (state.State, state.CompletedAt, state.UserId) = (ErasureStates.Failed, clock.GetUtcNow(), null);
            await storage.WriteStateAsync();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Erasure {Job}: resuming after a restart")]
        public static partial void Resuming(ILogger logger, string job);

        [LoggerMessage(LogLevel.Information, "Erasure {Job}: {Store} {State}, {Erased} erased in {ElapsedMs} ms")]
        public static partial void StoreDone(ILogger logger, string job, string store, string state, long erased, long elapsedMs);

        [LoggerMessage(LogLevel.Information, "Erasure {Job} completed in {ElapsedMs} ms")]
        public static partial void Completed(ILogger logger, string job, long elapsedMs);

        [LoggerMessage(LogLevel.Error, "Erasure {Job} failed; DELETE the user again to re-run it")]
        public static partial void Failed(ILogger logger, Exception e, string job);
    }
}
