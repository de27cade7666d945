using Orleans.Providers.Streams.Common;

namespace AdOrleans.Streaming;

/// <summary>
/// Every record of one stream (grain kind + key) from one poll of one partition: one delivery, one grain turn.
/// Immutable, so Orleans hands it to a local grain without copying.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class LogBatchContainer(StreamId streamId, LogEntry[] entries, int indexInPoll) : IBatchContainer
{
    [Id(0)]
    public StreamId StreamId { get; } = streamId;

    [Id(1)]
    public LogEntry[] Entries { get; } = entries;

    /// <summary>Position among the containers of its poll: several streams' containers start at the same record.</summary>
    [Id(2)]
    public int IndexInPoll { get; } = indexInPoll;

    /// <summary>
    /// The first record's offset, then the container's place in its poll: Orleans' cache needs tokens that strictly
    /// increase in the order containers are added, and containers are created in order of their first record.
    /// </summary>
    public StreamSequenceToken SequenceToken => new EventSequenceTokenV2(Entries[0].Offset, IndexInPoll);

    public long LastOffset => Entries[^1].Offset;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        foreach (var entry in Entries)
        {
            if (entry is T item)
            {
                yield return Tuple.Create<T, StreamSequenceToken>(item, new EventSequenceTokenV2(entry.Offset));
            }
        }
    }

    public bool ImportRequestContext() => false;
}
