namespace AdOrleans.Grains.Lake;

/// <summary>
/// One lake merge at a time in a silo. After a burst every partition's archiver became due for compaction at once,
/// and 16 merges side by side took the committed heap to 2 GB for seconds; one at a time, each holds at most
/// <see cref="LakeOptions.MergeRowGroupRows"/> rows. An archiver that finds the gate taken merges at a later tick.
/// </summary>
public sealed class LakeMergeGate
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public bool TryEnter() => _one.Wait(0);

    public Task EnterAsync() => _one.WaitAsync();

    public void Exit() => _one.Release();
}
