using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Concurrency;

namespace AdOrleans.Grains.Audit;

/// <summary>
/// One UTC day of the audit log. Each entry is its own row (<see cref="SubStateRow"/>, keyed by its arrival number),
/// written before the call returns; the grain's state holds only the day's counts. Rewriting the whole day on every
/// entry made each admin change cost as much as the entries before it (seeding 10,000 campaigns took 106–124 s, with
/// rows ~20 s). Reentrant so that appends arriving while a write is in flight share the next write (one commit for all of
/// them) instead of queueing one commit each. A day keeps at most <see cref="MaxEntriesPerDay"/> entries (the bound on
/// what a flood of refused writes can store, and on what <c>GET /v1/audit</c> returns per day); later ones are counted in <see cref="AuditLogState.Dropped"/> and logged.
/// </summary>
[Reentrant]
[GrainType(IAuditLogGrain.GrainType)]
public sealed partial class AuditLogGrain(
    [PersistentState("state", StorageProviders.PerCommand)] IPersistentState<AuditLogState> storage,
    ISubStateReader subStates,
    ILogger<AuditLogGrain> logger)
    : Grain, IAuditLogGrain
{
    public const int MaxEntriesPerDay = 100_000;

    private long _added;
    private long _durable;
    private Task? _write;

    private string Day => this.GetPrimaryKeyString();

    /// <summary>A day stored by the version that kept its entries in the state: they become rows, in their order.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (storage.State.Entries is { Count: > 0 } former)
        {
            storage.State.Entries = null;
            foreach (var entry in former)
            {
                Add(entry);
            }

            await storage.WriteStateAsync();
        }
    }

    public async Task AppendAsync(AuditEntry entry)
    {
        Add(entry);
        var mine = ++_added;
        while (_durable < mine)
        {
            if (_write is { } inFlight)
            {
                await inFlight.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                continue;
            }

            var write = WriteAsync(_added);
            if (!write.IsCompleted)
            {
                _write = write;
            }

            await write;
        }
    }

    public async Task<AuditDay> GetAsync()
    {
        var rows = await Task.Run(() => subStates.ReadAllAsync(IAuditLogGrain.GrainType, Day, CancellationToken.None).AsTask());
        var entries = rows.OrderBy(r => r.SubKey, StringComparer.Ordinal)
            .Select(r => JsonSerializer.Deserialize(r.Data, AuditJsonContext.Default.AuditEntry)!)
            .ToList();
        return new AuditDay(entries, storage.State.Dropped);
    }

    private void Add(AuditEntry entry)
    {
        var state = storage.State;
        if (state.Count >= MaxEntriesPerDay)
        {
            state.Dropped++;
            Log.Dropped(logger, Day, entry.Key, entry.Method, entry.Path);
            return;
        }

        var number = state.Count.ToString("D8", CultureInfo.InvariantCulture);
        state.PendingRows.Add(new SubStateRow(IAuditLogGrain.GrainType, Day, number, JsonSerializer.SerializeToUtf8Bytes(entry, AuditJsonContext.Default.AuditEntry)));
        state.Count++;
    }

    /// <summary>Writes every entry added so far; appends that arrive meanwhile wait for the next write.</summary>
    private async Task WriteAsync(long covers)
    {
        try
        {
            await storage.WriteStateAsync();
            _durable = Math.Max(_durable, covers);
        }
        finally
        {
            _write = null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "The audit log of {Day} is full; counted without keeping: {Key} {Method} {Path}")]
        public static partial void Dropped(ILogger logger, string day, string key, string method, string path);
    }
}

/// <summary>The day's counts; its entries are rows of their own (<see cref="PendingRows"/> until written).</summary>
public sealed class AuditLogState : IEmitsRows
{
    /// <summary>Entries kept so far (the next entry's number).</summary>
    public long Count { get; set; }

    public long Dropped { get; set; }

    /// <summary>Only in days stored before entries became rows; moved to rows when the day activates.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<AuditEntry>? Entries { get; set; }

    [JsonIgnore]
    public List<object> PendingRows { get; } = [];
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AuditEntry))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
