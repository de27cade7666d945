namespace AdOrleans.Grains.Privacy;

/// <summary>
/// An erasure job's stored state. It holds the user id only while the job needs it to resume after a crash: the id is
/// cleared before the last step, which scrubs the store that holds this very row.
/// </summary>
public sealed class UserErasureState
{
    public string? UserId { get; set; }

    public string State { get; set; } = ErasureStates.Queued;

    public List<ErasureStoreProgress> Stores { get; set; } = [];

    public DateTimeOffset QueuedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public List<string> Errors { get; set; } = [];
}
