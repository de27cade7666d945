namespace AdOrleans.Grains.Audiences;

/// <summary>
/// Remembers which clustering runs were started, so that they can be listed: each run is its own grain, found only
/// by its id. The oldest beyond <see cref="IClusterRunIndexGrain.MaxRuns"/> are forgotten here (their grains keep
/// their results).
/// </summary>
[GrainType("cluster-run-index")]
public sealed class ClusterRunIndexGrain(
    [PersistentState("state", StorageProviders.PerCommand)] IPersistentState<ClusterRunIndexState> storage)
    : Grain, IClusterRunIndexGrain
{
    public async Task AddAsync(ClusterRunStart run)
    {
        var runs = storage.State.Runs;
        if (runs.Exists(r => r.RunId == run.RunId))
        {
            return;
        }

        runs.Insert(0, run);
        if (runs.Count > IClusterRunIndexGrain.MaxRuns)
        {
            runs.RemoveRange(IClusterRunIndexGrain.MaxRuns, runs.Count - IClusterRunIndexGrain.MaxRuns);
        }

        await storage.WriteStateAsync();
    }

    public Task<IReadOnlyList<ClusterRunStart>> ListAsync() => Task.FromResult<IReadOnlyList<ClusterRunStart>>([.. storage.State.Runs]);

    public async Task CompletedAsync(string runId)
    {
        storage.State.LatestCompleted = runId;
        await storage.WriteStateAsync();
    }

    public Task<string?> LatestCompletedAsync() => Task.FromResult(storage.State.LatestCompleted);
}

public sealed class ClusterRunIndexState
{
    public List<ClusterRunStart> Runs { get; set; } = [];

    public string? LatestCompleted { get; set; }
}
