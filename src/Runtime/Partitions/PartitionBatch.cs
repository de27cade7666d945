namespace AdOrleans.Runtime;

/// <summary>Tracks the turns of one batch of records and the activations they changed.</summary>
internal sealed class PartitionBatch
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Activation> _changed = [];
    private int _pending;

    public PartitionBatch(int turns)
    {
        _pending = turns;
        if (turns == 0)
        {
            _done.SetResult();
        }
    }

    public Task Done => _done.Task;

    public IReadOnlyList<Activation> Changed => _changed;

    public void AddChanged(Activation activation)
    {
        lock (_changed)
        {
            _changed.Add(activation);
        }
    }

    public void TurnDone()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _done.TrySetResult();
        }
    }
}
