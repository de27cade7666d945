namespace AdOrleans.Streaming;

/// <summary>
/// Where a queue may be checkpointed: before the first record of the oldest container still in Orleans' cache.
/// Containers are created in increasing order of their first offset, and the cache removes them oldest-first once
/// every cursor passed them (delivered), or after their delivery was given up and dead-lettered. So when the newest
/// removed container starts at offset m, every container starting at or before m is gone, and every record below
/// the next remaining container's first offset has taken effect (or was dead-lettered, or needed no delivery).
/// One tracker serves one reading session: after a restart the cache still holds the previous session's containers,
/// and their removal says nothing about this session's (which re-read from the stored checkpoint), so it is ignored.
/// </summary>
internal sealed class CheckpointTracker(long start)
{
    private readonly Queue<LogBatchContainer> _inCache = new();
    private readonly HashSet<LogBatchContainer> _ours = new(ReferenceEqualityComparer.Instance);
    private long _readPosition = start;

    public long Checkpoint => _inCache.TryPeek(out var oldest) ? oldest.Entries[0].Offset : _readPosition;

    public void Added(IEnumerable<LogBatchContainer> containers, long readPosition)
    {
        foreach (var container in containers)
        {
            _inCache.Enqueue(container);
            _ours.Add(container);
        }

        _readPosition = readPosition;
    }

    public void Removed(IEnumerable<IBatchContainer> delivered)
    {
        var newest = delivered.OfType<LogBatchContainer>().Where(_ours.Contains).Select(c => c.Entries[0].Offset).DefaultIfEmpty(-1).Max();
        while (_inCache.TryPeek(out var oldest) && oldest.Entries[0].Offset <= newest)
        {
            _ours.Remove(_inCache.Dequeue());
        }
    }
}
