namespace AdOrleans.Runtime;

/// <summary>
/// The state of one changed grain, captured inside a turn of that grain so the capture never
/// races with the grain's own code (timers included).
/// </summary>
internal sealed class PartitionSnapshot(Activation activation)
{
    public Activation Activation { get; } = activation;

    public byte[]? Data { get; private set; }

    public string? ETag { get; private set; }

    public List<object>? Rows { get; private set; }

    public static async Task<IReadOnlyList<PartitionSnapshot>> TakeAsync(IReadOnlyList<Activation> changed)
    {
        if (changed.Count == 0)
        {
            return [];
        }

        var snapshots = new PartitionSnapshot[changed.Count];
        var pending = new Task[changed.Count];
        for (var i = 0; i < changed.Count; i++)
        {
            var snapshot = snapshots[i] = new PartitionSnapshot(changed[i]);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            pending[i] = done.Task;
            changed[i].Enqueue(new SystemTurn(
                a =>
                {
                    (snapshot.Data, snapshot.ETag) = a.Grain.SnapshotState();
                    snapshot.Rows = a.Grain.TakeRows();
                    done.TrySetResult();
                    return ValueTask.CompletedTask;
                },
                aborted: () => done.TrySetException(new InvalidOperationException($"{snapshot.Activation.Id} was deactivated with uncommitted changes."))));
        }

        await Task.WhenAll(pending);
        return snapshots;
    }

    /// <summary>Hands each grain its new ETag and marks it clean, as a turn that precedes the next batch's records.</summary>
    public static void Acknowledge(IReadOnlyList<PartitionSnapshot> snapshots, IReadOnlyList<string> etags)
    {
        var next = 0;
        foreach (var snapshot in snapshots)
        {
            var etag = snapshot.Data is null ? null : etags[next++];
            snapshot.Activation.Enqueue(new SystemTurn(a =>
            {
                if (etag is not null)
                {
                    a.Grain.StateCommitted(etag);
                }

                a.HasUncommittedChanges = false;
                return ValueTask.CompletedTask;
            }));
        }
    }
}
