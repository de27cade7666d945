namespace AdOrleans.Runtime;

/// <summary>
/// Consumer-group membership for a log with one process: the only member owns every partition,
/// and leaving revokes them all (which commits state and offsets) before the process exits.
/// </summary>
public sealed class SingleMemberGroup : IAsyncDisposable
{
    private readonly IPartitionAssignmentHandler _handler;
    private readonly int[] _partitions;
    private int _left;

    private SingleMemberGroup(IPartitionAssignmentHandler handler, int partitionCount)
    {
        _handler = handler;
        _partitions = Enumerable.Range(0, partitionCount).ToArray();
    }

    public static async ValueTask<IAsyncDisposable> JoinAsync(
        IPartitionedLog log, IReadOnlyList<string> topics, IPartitionAssignmentHandler handler, CancellationToken cancellationToken)
    {
        var counts = topics.Select(log.PartitionCount).Distinct().ToList();
        if (counts.Count != 1)
        {
            throw new InvalidOperationException($"Topics {string.Join(", ", topics)} must have one partition count to be co-partitioned.");
        }

        var group = new SingleMemberGroup(handler, counts[0]);
        await handler.OnAssignedAsync(group._partitions, cancellationToken);
        return group;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _left, 1) == 0)
        {
            await _handler.OnRevokedAsync(_partitions, CancellationToken.None);
        }
    }
}
