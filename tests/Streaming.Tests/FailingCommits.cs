using AdOrleans.Persistence;

namespace AdOrleans.Streaming.Tests;

/// <summary>The store as while its database restarts: commits that <paramref name="fails"/> picks throw, the rest go through.</summary>
internal sealed class FailingCommits(IGrainStateStore store, Func<PartitionCommit, bool> fails) : IGrainStateStore
{
    public ValueTask<StoredGrainState?> ReadAsync(StateId stateId, CancellationToken cancellationToken) => store.ReadAsync(stateId, cancellationToken);

    public ValueTask<string> WriteAsync(StateId stateId, ReadOnlyMemory<byte> state, string? expectedETag, CancellationToken cancellationToken) =>
        store.WriteAsync(stateId, state, expectedETag, cancellationToken);

    public ValueTask<long> ReadOffsetAsync(string group, TopicPartition partition, CancellationToken cancellationToken) => store.ReadOffsetAsync(group, partition, cancellationToken);

    public ValueTask<IReadOnlyList<string>> CommitAsync(PartitionCommit commit, CancellationToken cancellationToken) =>
        fails(commit) ? throw new IOException("the database system is shutting down") : store.CommitAsync(commit, cancellationToken);

    public ValueTask<bool> PingAsync(CancellationToken cancellationToken) => store.PingAsync(cancellationToken);

    /// <summary>True when <paramref name="action"/> failed the way a commit of this store fails.</summary>
    public static async Task<bool> FailsAsync(Func<Task> action)
    {
        try
        {
            await action();
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
