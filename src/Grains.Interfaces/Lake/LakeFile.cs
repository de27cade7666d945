namespace AdOrleans.Grains.Lake;

/// <summary>An inclusive range of log offsets of one partition.</summary>
[GenerateSerializer, Immutable]
public sealed record OffsetRange([property: Id(0)] long From, [property: Id(1)] long To);

/// <summary>
/// One Parquet file of the lake as its manifest lists it. The manifest, not a directory listing, says which files
/// are visible: a file is listed only once it is complete and durable, and removed before it is deleted.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LakeFile
{
    /// <summary>Path relative to the lake root, '/'-separated: <c>events/date=2026-12-03/channel=web/p003-….parquet</c>.</summary>
    [Id(0)]
    public required string Path { get; init; }

    /// <summary><c>events</c> or <c>billing</c>.</summary>
    [Id(1)]
    public required string Dataset { get; init; }

    [Id(2)]
    public required DateOnly Date { get; init; }

    /// <summary>The channel partition of an events file; null for billing.</summary>
    [Id(3)]
    public string? Channel { get; init; }

    /// <summary>The log partition whose records the file holds (events); -1 for billing.</summary>
    [Id(4)]
    public required int Partition { get; init; }

    [Id(5)]
    public required long Rows { get; init; }

    [Id(6)]
    public required long Bytes { get; init; }

    /// <summary>The log offset ranges the file covers (merged when adjacent); empty for billing.</summary>
    [Id(7)]
    public required IReadOnlyList<OffsetRange> Offsets { get; init; }

    [Id(8)]
    public required DateTimeOffset CreatedAt { get; init; }
}
