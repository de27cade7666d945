namespace AdOrleans.Runtime;

/// <summary>Told after a partition committed a batch: which grains changed. Must return quickly (e.g. signal a channel).</summary>
public interface IPartitionCommitObserver
{
    void OnCommitted(int partition, IReadOnlyList<GrainId> changedGrains);
}
