namespace AdOrleans.Grains.Streams;

/// <summary>
/// One log record as a stream item: where it is in the log (so a grain can skip what it already applied after a
/// replay) and its payload, decoded once by the stream receiver for every grain kind that consumes it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LogEntry
{
    [Id(0)]
    public required string Topic { get; init; }

    [Id(1)]
    public required int Partition { get; init; }

    [Id(2)]
    public required long Offset { get; init; }

    [Id(3)]
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Set on records of the events topic.</summary>
    [Id(4)]
    public TrackedEvent? Event { get; init; }

    /// <summary>Set on records of the commands topic.</summary>
    [Id(5)]
    public AdCommand? Command { get; init; }

    /// <summary>The record's log key: a campaign id, <c>channel:&lt;channel&gt;</c>, or a command's entity key.</summary>
    [Id(6)]
    public required string Key { get; init; }
}
