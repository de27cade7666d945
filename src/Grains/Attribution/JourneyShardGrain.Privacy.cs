using AdOrleans.Grains.Privacy;

namespace AdOrleans.Grains.Attribution;

/// <summary>
/// Erasure and export of one user (docs/privacy.md). The erasure drops the journey from memory and deletes its row in
/// a snapshot write of the shard; the attribution rows it already produced are aggregates and stay. The snapshot moves
/// the shard's replay start past every event it applied, so a later activation never re-reads the user's events from
/// the log (which Kafka keeps until its retention); the embedded log is redacted before this step as well.
/// </summary>
public sealed partial class JourneyShardGrain
{
    public async Task<int> EraseUserAsync(string userId)
    {
        if (_broken is { } broken)
        {
            throw new InvalidOperationException("This journey shard's last write failed; it is deactivating so that a retry reads what committed.", broken);
        }

        var held = _journeys.Remove(userId);
        _changed.Remove(userId);
        storage.State.PendingRows.Add(new SubStateRemoval(IJourneyShardGrain.GrainType, this.GetPrimaryKeyString(), userId));
        var generation = ++_appliedGeneration;
        while (_writtenGeneration < generation)
        {
            if (_writing is null || _writing.IsCompleted)
            {
                _writing = WriteAsync(snapshot: true);
            }

            await _writing;
        }

        return held ? 1 : 0;
    }

    public Task<IReadOnlyList<UserTouchpoint>> ExportUserAsync(string userId) =>
        Task.FromResult<IReadOnlyList<UserTouchpoint>>(_journeys.TryGetValue(userId, out var journey)
            ? [.. journey.Items.Select(i => new UserTouchpoint(i.EventId, i.At, i.Channel, i.CampaignId, i.Conversion, i.ValueMicros))]
            : []);
}
