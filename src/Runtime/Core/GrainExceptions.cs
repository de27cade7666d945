namespace AdOrleans.Runtime;

/// <summary>A write carried an ETag that is not the stored one: another activation or writer got there first.</summary>
public sealed class InconsistentStateException(GrainId grainId, string? expectedETag, string? storedETag, string? message = null)
    : Exception(message ?? $"State of {grainId} was changed by another writer: expected ETag '{expectedETag ?? "<none>"}', stored ETag '{storedETag ?? "<none>"}'.")
{
    public GrainId GrainId { get; } = grainId;

    public string? ExpectedETag { get; } = expectedETag;

    public string? StoredETag { get; } = storedETag;
}

public sealed class GrainActivationException(GrainId grainId, Exception inner)
    : Exception($"Grain {grainId} could not be activated: {inner.Message}", inner)
{
    public GrainId GrainId { get; } = grainId;
}
