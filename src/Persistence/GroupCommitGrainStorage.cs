using System.Text.Json;
using Orleans.Runtime;
using Orleans.Storage;

namespace AdOrleans.Persistence;

/// <summary>
/// Orleans grain storage on the project's store (SQLite embedded, PostgreSQL distributed). State is JSON
/// (<see cref="GrainStateJson"/>) keyed by grain type and key. Writes go through the
/// <see cref="GroupCommitter"/>: many grains per transaction, each ETag-checked, with the rows the state carries
/// (<see cref="IEmitsRows"/>) in the same transaction. Store I/O never runs on Orleans' scheduler threads.
/// </summary>
public sealed class GroupCommitGrainStorage(IGrainStateStore store, GroupCommitter committer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var id = StateIdOf(grainId);
        var stored = await Task.Run(() => store.ReadAsync(id, CancellationToken.None).AsTask());
        if (stored is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            (grainState.ETag, grainState.RecordExists) = (null, false);
            return;
        }

        grainState.State = JsonSerializer.Deserialize<T>(stored.Data, GrainStateJson.Options) ?? Activator.CreateInstance<T>();
        (grainState.ETag, grainState.RecordExists) = (stored.ETag, true);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var id = StateIdOf(grainId);
        var data = JsonSerializer.SerializeToUtf8Bytes(grainState.State, GrainStateJson.Options);
        var pending = grainState.State is IEmitsRows emits ? emits.PendingRows : null;
        object[] rows = pending is null ? [] : [.. pending];
        try
        {
            grainState.ETag = await committer.WriteStateAsync(new StateWrite(id, data, grainState.ETag), rows);
        }
        catch (StaleETagException e)
        {
            throw new InconsistentStateException(e.Message, e.StoredETag, e.ExpectedETag);
        }

        pending?.RemoveRange(0, rows.Length);
        grainState.RecordExists = true;
    }

    /// <summary>
    /// Deletes the grain's state row (erasure of a user's contact record, docs/privacy.md). Not ETag-checked: it only
    /// removes, and a grain clears its own state from its own turn. Rows the state emits are not touched.
    /// </summary>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var id = StateIdOf(grainId);
        await committer.WriteRowsAsync([new GrainStateRemoval(id.Type, id.Key)]);
        grainState.State = Activator.CreateInstance<T>();
        (grainState.ETag, grainState.RecordExists) = (null, false);
    }

    public static StateId StateIdOf(GrainId grainId) => new(grainId.Type.ToString()!, grainId.Key.ToString()!);
}
