using System.Text.Json;

namespace AdOrleans.GrainStorage.Tests;

/// <summary>Grain states of the real grain types, as the grains hold them.</summary>
internal static class States
{
    public static SlotGrainState Slot(string id, long floorMicros) =>
        new() { Slot = new SlotConfig { Id = id, FloorMicros = floorMicros, Auction = AuctionKinds.SecondPrice } };

    public static SegmentGrainState Segment(string id, string name) =>
        new() { Segment = new SegmentConfig { Id = id, Name = name } };

    /// <summary>The bytes the group-commit storage stores for a state.</summary>
    public static byte[] Json<T>(T state) => JsonSerializer.SerializeToUtf8Bytes(state, GrainStateJson.Options);

    public static async Task<Held<T>> ReadAsync<T>(IGrainStorage storage, GrainId grainId)
        where T : new()
    {
        var state = new Held<T>(new T());
        await storage.ReadStateAsync("state", grainId, state);
        return state;
    }
}

/// <summary>A grain's hold on its state, as Orleans' persistent state gives it to storage.</summary>
internal sealed class Held<T>(T state) : IGrainState<T>
{
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public T State { get; set; } = state;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
