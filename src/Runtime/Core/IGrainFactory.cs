namespace AdOrleans.Runtime;

public interface IGrainFactory
{
    /// <summary>A reference to the grain of interface <typeparamref name="TGrain"/> with this key. Never activates anything by itself.</summary>
    GrainRef<TGrain> GetGrain<TGrain>(string key) where TGrain : IGrain;
}
