namespace AdOrleans.Grains.Privacy;

/// <summary>
/// One erasure job (<c>DELETE /v1/users/{userId}</c>, docs/privacy.md), keyed by its job id: removes a user from
/// every store in the background, store by store, and reports progress. Starting it again resumes or re-runs it:
/// every step is idempotent.
/// </summary>
public interface IUserErasureGrain : IGrainWithStringKey
{
    public const string GrainType = "user-erasure";

    /// <summary>Queues the job for <paramref name="userId"/> and returns at once; the same job started again is a no-op while it runs.</summary>
    Task StartAsync(string userId);

    /// <summary>The job's status, or null for a job never started.</summary>
    Task<ErasureJob?> GetAsync();
}

public static class ErasureStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}

/// <summary>The stores an erasure goes through, in the order it does (the log first: journeys replay from it).</summary>
public static class ErasureStores
{
    public const string Log = "log";
    public const string Journeys = "journeys";
    public const string KpiState = "kpiState";
    public const string Lake = "lake";
    public const string Contacts = "contacts";
    public const string Automation = "automation";
    public const string EventIds = "eventIds";
    public const string Storage = "storage";

    public static readonly IReadOnlyList<string> All = [Log, Journeys, KpiState, Lake, Contacts, Automation, EventIds, Storage];
}

/// <summary>An erasure job as <c>GET /v1/users/erasures/{jobId}</c> shows it; it never names the user.</summary>
[GenerateSerializer, Immutable]
public sealed record ErasureJob(
    [property: Id(0)] string JobId,
    [property: Id(1)] string State,
    [property: Id(2)] IReadOnlyList<ErasureStoreProgress> Stores,
    [property: Id(3)] DateTimeOffset QueuedAt,
    [property: Id(4)] DateTimeOffset? StartedAt,
    [property: Id(5)] DateTimeOffset? CompletedAt,
    [property: Id(6)] IReadOnlyList<string> Errors);

/// <summary>One store's part: its state, how many items it erased (records, rows, files), a note on how or why not, and how long it took.</summary>
[GenerateSerializer, Immutable]
public sealed record ErasureStoreProgress(
    [property: Id(0)] string Store,
    [property: Id(1)] string State,
    [property: Id(2)] long Erased,
    [property: Id(3)] string? Note,
    [property: Id(4)] long ElapsedMs = 0);
