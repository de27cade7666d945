namespace AdOrleans.Grains.Streams;

/// <summary><see cref="IPartitionStallGrain"/>: the stalls in memory, ended ones dropped when read.</summary>
[GrainType(IPartitionStallGrain.GrainType)]
public sealed class PartitionStallGrain(TimeProvider clock) : Grain, IPartitionStallGrain
{
    private readonly Dictionary<int, DateTimeOffset> _stalls = [];

    public Task StallAsync(int partition, DateTimeOffset until)
    {
        _stalls[partition] = until;
        return Task.CompletedTask;
    }

    public Task<Dictionary<int, DateTimeOffset>> ActiveAsync()
    {
        var now = clock.GetUtcNow();
        foreach (var ended in _stalls.Where(s => s.Value <= now).Select(s => s.Key).ToList())
        {
            _stalls.Remove(ended);
        }

        return Task.FromResult(new Dictionary<int, DateTimeOffset>(_stalls));
    }
}
