namespace AdOrleans.Grains.Audit;

/// <summary>
/// One UTC day of the audit log. Each entry is written before the call returns. A day keeps at most
/// <see cref="MaxEntriesPerDay"/> entries (admin changes are rare; the cap bounds the state a flood of refused
/// writes could build); later ones are counted in <see cref="AuditLogState.Dropped"/> and logged.
/// </summary>
public sealed partial class AuditLogGrain(
    [PersistentState("state", StorageProviders.PerCommand)] IPersistentState<AuditLogState> storage, ILogger<AuditLogGrain> logger)
    : Grain, IAuditLogGrain
{
    public const int MaxEntriesPerDay = 10_000;

    public async Task AppendAsync(AuditEntry entry)
    {
        if (storage.State.Entries.Count >= MaxEntriesPerDay)
        {
            storage.State.Dropped++;
            Log.Dropped(logger, this.GetPrimaryKeyString(), entry.Key, entry.Method, entry.Path);
        }
        else
        {
            storage.State.Entries.Add(entry);
        }

        await storage.WriteStateAsync();
    }

    public Task<AuditDay> GetAsync() => Task.FromResult(new AuditDay([.. storage.State.Entries], storage.State.Dropped));

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "The audit log of {Day} is full; counted without keeping: {Key} {Method} {Path}")]
        public static partial void Dropped(ILogger logger, string day, string key, string method, string path);
    }
}

public sealed class AuditLogState
{
    public List<AuditEntry> Entries { get; set; } = [];

    public long Dropped { get; set; }
}
