namespace AdOrleans.Runtime;

/// <summary>A store that lives as long as the process: for unit tests and benchmarks of the runtime alone.</summary>
public sealed class InMemoryGrainStateStore : IGrainStateStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<GrainId, StoredGrainState> _states = [];
    private readonly Dictionary<(string, TopicPartition), long> _offsets = [];
    private readonly List<object> _rows = [];

    /// <summary>Every row committed so far, in commit order.</summary>
    public IReadOnlyList<object> Rows
    {
        get
        {
            lock (_gate)
            {
                return [.. _rows];
            }
        }
    }

    public ValueTask<StoredGrainState?> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_states.GetValueOrDefault(grainId));
        }
    }

    public ValueTask<string> WriteAsync(GrainId grainId, ReadOnlyMemory<byte> state, string? expectedETag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(WriteLocked(new StateWrite(grainId, state.ToArray(), expectedETag)));
        }
    }

    public ValueTask<long> ReadOffsetAsync(string group, TopicPartition partition, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_offsets.GetValueOrDefault((group, partition)));
        }
    }

    public ValueTask<IReadOnlyList<string>> CommitAsync(PartitionCommit commit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var write in commit.States)
            {
                var stored = _states.GetValueOrDefault(write.GrainId)?.ETag;
                if (stored != write.ExpectedETag)
                {
                    throw new InconsistentStateException(write.GrainId, write.ExpectedETag, stored);
                }
            }

            var etags = commit.States.Select(WriteLocked).ToList();
            _rows.AddRange(commit.Rows);
            foreach (var (partition, next) in commit.Offsets)
            {
                _offsets[(commit.Group, partition)] = next;
            }

            return ValueTask.FromResult<IReadOnlyList<string>>(etags);
        }
    }

    public ValueTask<bool> PingAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);

    private string WriteLocked(StateWrite write)
    {
        var stored = _states.GetValueOrDefault(write.GrainId)?.ETag;
        if (stored != write.ExpectedETag)
        {
            throw new InconsistentStateException(write.GrainId, write.ExpectedETag, stored);
        }

        var etag = ETags.Next(stored);
        _states[write.GrainId] = new StoredGrainState(write.Data, etag);
        return etag;
    }
}
