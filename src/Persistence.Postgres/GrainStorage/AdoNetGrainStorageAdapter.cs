using Orleans.Runtime;
using Orleans.Storage;

namespace AdOrleans.Persistence.Postgres.GrainStorage;

/// <summary>
/// Orleans' ADO.NET grain storage, as the project's grains need it, with what the provider does not do itself:
/// <list type="bullet">
/// <item>Tell grains apart. It keys a state by state name and the grain key as it parses it, without the grain type
/// (dotnet/orleans#8746: an <c>ad-slot</c> and a <c>user-segment</c> with one id would share a row), and a string key
/// that parses as hexadecimal becomes a number (#9706: "0012" and "12" would share one). It gets the whole grain id
/// ("ad-slot/12") as its string key instead, which never parses as a number or a Guid.</item>
/// <item>Write the rows a grain emits (<see cref="IEmitsRows"/>: dead letters, for the grains on this storage). They
/// go through the group committer first, then the state: a crash in between writes a row twice when the record is
/// replayed (a dead letter shown twice) rather than never.</item>
/// <item>Drop dead pooled connections. After a PostgreSQL restart every idle connection of the pool fails once on
/// use; the provider would hand each failure to a grain in turn. The first one clears the pool: a read is then
/// tried again (reading twice is harmless), a write fails once (it may have landed: retrying it with the same ETag
/// would only conflict): the stream retries its delivery, an admin call answers an error its client may repeat.</item>
/// </list>
/// </summary>
public sealed class AdoNetGrainStorageAdapter(IGrainStorage adoNet, GroupCommitter committer, string connectionString) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var keyed = WholeIdAsKey(grainId);
        try
        {
            await adoNet.ReadStateAsync(stateName, keyed, grainState);
        }
        catch (NpgsqlException e) when (IsDeadConnection(e))
        {
            ClearPool();
            await adoNet.ReadStateAsync(stateName, keyed, grainState);
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.State is IEmitsRows { PendingRows: { Count: > 0 } pending })
        {
            object[] rows = [.. pending];
            await committer.WriteRowsAsync(rows);
            pending.RemoveRange(0, rows.Length);
        }

        try
        {
            await adoNet.WriteStateAsync(stateName, WholeIdAsKey(grainId), grainState);
        }
        catch (NpgsqlException e) when (IsDeadConnection(e))
        {
            ClearPool();
            throw;
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await adoNet.ClearStateAsync(stateName, WholeIdAsKey(grainId), grainState);
        }
        catch (NpgsqlException e) when (IsDeadConnection(e))
        {
            ClearPool();
            throw;
        }
    }

    /// <summary>The id the provider is given: the same grain type, and "type/key" as its key.</summary>
    public static GrainId WholeIdAsKey(GrainId grainId)
    {
        var keyed = GrainId.Create(grainId.Type, grainId.ToString());
        if (keyed.TryGetIntegerKey(out _, out _) || keyed.TryGetGuidKey(out _, out _))
        {
            // The '/' after the type rules this out unless the type itself reads as hexadecimal up to a '+' or is
            // 32 hexadecimal characters long: none of ours, but checked rather than assumed.
            throw new ArgumentException($"The grain id {grainId} would reach the ADO.NET provider as a number or Guid key.", nameof(grainId));
        }

        return keyed;
    }

    private static bool IsDeadConnection(NpgsqlException e) =>
        e.IsTransient || e.InnerException is IOException or System.Net.Sockets.SocketException;

    /// <summary>The provider opens its connections by connection string, so they come from Npgsql's pool for it.</summary>
    private void ClearPool()
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }
}
