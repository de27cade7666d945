namespace AdOrleans.Grains.Integrations;

/// <summary>Stores an import's progress as the runner reports it; at most <see cref="MaxListedErrors"/> row errors are listed, the rest counted.</summary>
[GrainType("import-job")]
public sealed class ImportJobGrain([PersistentState("state", StorageProviders.PerCommand)] IPersistentState<ImportJobState> storage, TimeProvider clock)
    : Grain, IImportJobGrain
{
    public const int MaxListedErrors = 1_000;

    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(1);

    public async Task StartAsync(string kind, int rows)
    {
        var now = clock.GetUtcNow();
        storage.State = new ImportJobState { Kind = kind, Rows = rows, State = ImportStates.Running, StartedAt = now, UpdatedAt = now };
        await storage.WriteStateAsync();
    }

    public async Task ReportAsync(ImportProgress progress)
    {
        var state = storage.State;
        (state.RowsDone, state.Accepted, state.Rejected, state.UpdatedAt) = (progress.RowsDone, progress.Accepted, progress.Rejected, clock.GetUtcNow());
        var room = Math.Max(0, MaxListedErrors - state.Errors.Count);
        state.Errors.AddRange(progress.NewErrors.Take(room));
        state.ErrorsNotListed += Math.Max(0, progress.NewErrors.Count - room);
        if (progress.Finished)
        {
            (state.State, state.Failure) = (progress.Failure is null ? ImportStates.Completed : ImportStates.Failed, progress.Failure);
        }

        await storage.WriteStateAsync();
    }

    public Task<ImportJob?> GetAsync()
    {
        if (!storage.RecordExists)
        {
            return Task.FromResult<ImportJob?>(null);
        }

        var s = storage.State;
        var state = s.State == ImportStates.Running && clock.GetUtcNow() - s.UpdatedAt > Stale ? ImportStates.Interrupted : s.State;
        return Task.FromResult<ImportJob?>(new ImportJob(this.GetPrimaryKeyString(), s.Kind, state, s.Rows, s.RowsDone, s.Accepted, s.Rejected,
            [.. s.Errors], s.ErrorsNotListed, s.StartedAt, s.UpdatedAt, s.Failure));
    }
}

public sealed class ImportJobState
{
    public string Kind { get; set; } = "";

    public string State { get; set; } = "";

    public int Rows { get; set; }

    public int RowsDone { get; set; }

    public int Accepted { get; set; }

    public int Rejected { get; set; }

    public List<ImportRowError> Errors { get; set; } = [];

    public int ErrorsNotListed { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? Failure { get; set; }
}
