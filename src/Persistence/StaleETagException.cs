namespace AdOrleans.Persistence;

/// <summary>A write carried an ETag that is not the stored one: another activation or writer got there first.</summary>
public sealed class StaleETagException(StateId stateId, string? expectedETag, string? storedETag, string? message = null)
    : Exception(message ?? $"State of {stateId} was changed by another writer: expected ETag '{expectedETag ?? "<none>"}', stored ETag '{storedETag ?? "<none>"}'.")
{
    public StateId StateId { get; } = stateId;

    public string? ExpectedETag { get; } = expectedETag;

    public string? StoredETag { get; } = storedETag;
}
